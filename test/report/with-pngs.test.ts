/**
 * A report's PNGs, drawn as its charts arrive: the PNGs svgsToPngs draws from the finished SVGs,
 * whether a chart was there at the start or came later, drawn once when shown twice, none for a
 * chart that failed, and right even when an SVG draws a character its spec does not hold.
 */
import { describe, expect, it } from 'vitest';
import { svgsToPngs } from '../../src/charts/png.ts';
import type { DrawAside } from '../../src/report/with-pngs.ts';
import { barChart, renderSvg } from '../../src/index.ts';
import { pngsAsChartsArrive, specText } from '../../src/report/with-pngs.ts';

describe('specText', () => {
  it('holds every character of the spec\'s keys and strings, ASCII and the signs of number formats', () => {
    const text = specText({ title: '标签', data: { values: [{ 作者: '小红书' }] } });
    for (const ch of '标签作者小红书AZaz09 ~−…万亿') expect(text).toContain(ch);
    expect(text).not.toContain('龘');
  });
});

describe('pngsAsChartsArrive', () => {
  const spec = (tag: string) => barChart([{ tag, n: 3 }, { tag: 'AI', n: 5 }], { label: 'tag', value: 'n', title: `${tag}的文章数` });

  it('draws the PNGs of charts there at the start and of charts that come later, as svgsToPngs does', async () => {
    const [first, later] = [spec('小红书'), spec('视频号')];
    const [firstSvg, laterSvg] = await Promise.all([renderSvg(first), renderSvg(later)]);
    let arrive!: (svg: string) => void;
    const failed = Promise.reject(new Error('the chart failed'));
    const drawn = pngsAsChartsArrive(new Map([
      ['a/charts/first.svg', { spec: first, svg: Promise.resolve(firstSvg) }],
      ['b/charts/later.svg', { spec: later, svg: new Promise<string>((resolve) => { arrive = resolve; }) }],
      ['b/charts/first-again.svg', { spec: first, svg: Promise.resolve(firstSvg) }],
      ['b/charts/failed.svg', { spec: first, svg: failed }],
    ]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    arrive(laterSvg);
    const pngs = await drawn();
    const expected = await svgsToPngs(new Map([['a/charts/first.svg', firstSvg], ['b/charts/later.svg', laterSvg]]));
    expect([...pngs.keys()]).toEqual(['a/charts/first.svg', 'b/charts/later.svg', 'b/charts/first-again.svg']);
    for (const [path, png] of expected) expect(Buffer.compare(pngs.get(path)!, png)).toBe(0);
    expect(pngs.get('b/charts/first-again.svg')).toBe(pngs.get('a/charts/first.svg')); // drawn once
  });

  it('draws a chart whose SVG holds a character its spec does not, with a font that has it', async () => {
    const svg = await renderSvg(spec('龘'));
    const pngs = await pngsAsChartsArrive(new Map([['a/charts/odd.svg', { spec: {}, svg: new Promise<string>((resolve) => setTimeout(() => resolve(svg), 10)) }]]))();
    const expected = (await svgsToPngs(new Map([['a/charts/odd.svg', svg]]))).get('a/charts/odd.svg')!;
    expect(Buffer.compare(pngs.get('a/charts/odd.svg')!, expected)).toBe(0);
  });

  it('shares the charts left with another thread once none are to come, with the same PNGs', async () => {
    const tags = ['小红书', '视频号', '公众号', '抖音'];
    const svgs = await Promise.all(tags.map((tag) => renderSvg(spec(tag))));
    const asked: string[] = [];
    const aside: DrawAside = (some, fonts) => { asked.push(...some.keys()); return svgsToPngs(some, fonts); };
    const charts = new Map(tags.map((tag, i) => [`a/charts/${i}.svg`, { spec: spec(tag), svg: Promise.resolve(svgs[i]!) }]));
    charts.set('b/charts/again.svg', { spec: spec(tags[0]!), svg: Promise.resolve(svgs[0]!) });
    const pngs = await pngsAsChartsArrive(charts, aside)();
    expect(asked.length).toBeGreaterThan(0); // the other thread drew some
    expect(asked.length).toBeLessThan(tags.length); // and this thread the others
    expect(asked.filter((svg) => svg === svgs[0]).length).toBeLessThanOrEqual(1); // the chart shown twice is drawn once
    const expected = await svgsToPngs(new Map(svgs.map((svg, i) => [`a/charts/${i}.svg`, svg])));
    for (const [path, png] of expected) expect(Buffer.compare(pngs.get(path)!, png)).toBe(0);
    expect(pngs.get('b/charts/again.svg')).toBe(pngs.get('a/charts/0.svg'));
  });
});
