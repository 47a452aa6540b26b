/**
 * Charts rendered on the worker thread are the charts rendered here: the same SVG, the same
 * fitted spec, the same warnings, the same PNGs; once the renderer is closed, charts are rendered here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderChartsAside, type ChartRenderer } from '../../src/charts/render-aside.ts';
import { renderChart } from '../../src/charts/render.ts';
import { pngFonts, svgsToPngs, svgText } from '../../src/charts/png.ts';
import { chartContext, tagShareByPeriod, tagShareHeatmap, withCohortIndex } from '../../src/index.ts';
import { articleTable, record } from '../helpers/articles.ts';

let renderer: ChartRenderer | undefined;
afterEach(() => renderer?.close());

describe('renderChartsAside', () => {
  const records = Array.from({ length: 40 }, (_, i) => record({ published: i % 2 ? '2025-01-10' : '2025-04-10', tags: [`标签${i % 8}`] }));
  const articles = withCohortIndex(articleTable(records));
  // A chart whose title is wrapped to fit it (the spec comes back changed) and one with a warning.
  const heatmap = tagShareHeatmap(tagShareByPeriod(articles, { by: 'quarter' }), chartContext(articles));
  const warned = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'missing', type: 'nominal', sort: 'nonsense' } } } as never;

  it('gives what renderChart gives on this thread', async () => {
    renderer = renderChartsAside();
    const [aside, warning] = await Promise.all([renderer.render(heatmap), renderer.render(warned)]);
    const here = await renderChart(heatmap);
    expect(aside.svg).toBe(here.svg);
    expect(JSON.stringify(aside.spec)).toBe(JSON.stringify(here.spec));
    expect(aside.spec).not.toBe(heatmap); // its title was wrapped
    expect(warning.warnings).toEqual((await renderChart(warned)).warnings);
  });

  it('draws the PNGs svgsToPngs draws here, with the charts\' own characters or more in the font', async () => {
    renderer = renderChartsAside();
    const svgs = new Map([['a/charts/heatmap.svg', (await renderChart(heatmap)).svg]]);
    const aside = await renderer.pngs(svgs);
    const here = await svgsToPngs(svgs);
    const fontsCutHere = await renderer.pngs(svgs, await pngFonts(svgs.values()));
    // A report's pages hold many more characters than its charts: the larger font draws the same pixels.
    const pagesFont = await svgsToPngs(svgs, await pngFonts(svgs.values(), `${svgText(svgs.values())}用户增长运营产品经理数据分析：？！abcdefghijklmnopqrstuvwxyz`));
    expect([...aside.keys()]).toEqual(['a/charts/heatmap.svg']);
    expect(Buffer.from(aside.get('a/charts/heatmap.svg')!).subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.compare(aside.get('a/charts/heatmap.svg')!, here.get('a/charts/heatmap.svg')!)).toBe(0);
    expect(Buffer.compare(fontsCutHere.get('a/charts/heatmap.svg')!, here.get('a/charts/heatmap.svg')!)).toBe(0);
    expect(Buffer.compare(pagesFont.get('a/charts/heatmap.svg')!, here.get('a/charts/heatmap.svg')!)).toBe(0);
  });

  it('renders on this thread once closed', async () => {
    renderer = renderChartsAside();
    renderer.close();
    expect((await renderer.render(heatmap)).svg).toBe((await renderChart(heatmap)).svg);
  });

  it('rejects with the error that stopped a chart', async () => {
    renderer = renderChartsAside();
    const broken = { mark: 'nonsense-mark' } as never;
    const here = await renderChart(broken).then(() => '', (error: Error) => error.message);
    expect(here).not.toBe('');
    await expect(renderer.render(broken)).rejects.toThrow(here);
  });
});
