/**
 * PNG charts: 2× the SVG's size, Chinese drawn with the shipped font whatever the machine has
 * (system fonts are never loaded), and the same bytes on every run.
 */
import { describe, expect, it } from 'vitest';
import { pngFonts, svgsToPngs, svgText } from '../../src/charts/png.ts';
import { barChart, renderSvg } from '../../src/index.ts';
import { svgWidth } from '../../src/charts/render.ts';
import { decodePng } from '../helpers/png-decode.ts';

describe('PNG charts', () => {
  it('are twice the SVG\'s size, with the Chinese labels drawn, the same bytes every time', async () => {
    const rows = [{ tag: '小红书', n: 12 }, { tag: '抖音', n: 8 }, { tag: '视频号', n: 5 }];
    const svg = await renderSvg(barChart(rows, { label: 'tag', value: 'n', title: '标签的文章数' }));
    expect(svgText([svg])).toContain('小');
    const blank = await renderSvg(barChart(rows.map((r) => ({ ...r, tag: '' })), { label: 'tag', value: 'n', title: '' }));
    const pngs = await svgsToPngs(new Map([['a.svg', svg], ['blank.svg', blank]]));
    const png = pngs.get('a.svg')!;
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(decodePng(png).width).toBe(2 * svgWidth(svg));
    // The labels are drawn: the image differs from the same chart without them, by a lot.
    expect(Math.abs(png.length - pngs.get('blank.svg')!.length)).toBeGreaterThan(1000);
    const again = (await svgsToPngs(new Map([['a.svg', svg]]))).get('a.svg')!;
    expect(Buffer.from(again).equals(Buffer.from(png))).toBe(true);
  });

  it('draws a chart shown under two names once', async () => {
    const svg = await renderSvg(barChart([{ tag: '小红书', n: 12 }], { label: 'tag', value: 'n', title: '标签' }));
    const pngs = await svgsToPngs(new Map([['overview/charts/a.svg', svg], ['trends/charts/a.svg', svg]]));
    expect(pngs.get('trends/charts/a.svg')).toBe(pngs.get('overview/charts/a.svg')); // one drawing, not two equal ones
  });

  it('draws the same pixels with a font holding more characters than the chart draws', async () => {
    const svg = await renderSvg(barChart([{ tag: '小红书', n: 12 }], { label: 'tag', value: 'n', title: '标签' }));
    const svgs = new Map([['a.svg', svg]]);
    const own = (await svgsToPngs(svgs)).get('a.svg')!;
    const larger = (await svgsToPngs(svgs, await pngFonts([svg], `${svgText([svg])}用户增长运营产品经理数据分析：？！abcdefghijklmnopqrstuvwxyz`))).get('a.svg')!;
    expect(Buffer.compare(larger, own)).toBe(0);
  });
});
