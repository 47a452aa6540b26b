/**
 * Chart titles fit their chart: every chart of the real archive's report is checked, title and
 * subtitle lines measured against the SVG's width; long titles wrap between words.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_NOTEBOOKS } from '../../src/cli/report-command.ts';
import { fitTitle, withoutTitle, wrapLine } from '../../src/charts/fit-title.ts';
import { renderChart, renderFitted, renderMeasured, renderSvg, svgWidth } from '../../src/charts/render.ts';
import { chartContext, tagShareByPeriod, tagShareHeatmap, withCohortIndex } from '../../src/index.ts';
import { articleTable, record } from '../helpers/articles.ts';
import { measureText, TITLE_SAFETY } from '../../src/charts/text-metrics.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { prepareNotebookInput } from '../../src/report/input.ts';
import { ARCHIVE, skipRealData } from '../helpers/shared.ts';

const PADDING = 8;

/** Each title and subtitle line of an SVG with its font size. */
function titleLines(svg: string): { text: string; size: number; bold: boolean }[] {
  const out: { text: string; size: number; bold: boolean }[] = [];
  for (const group of svg.matchAll(/class="mark-text role-title-(?:text|subtitle)"[^>]*>(<text[^>]*>[\s\S]*?<\/text>)/g)) {
    const text = group[1]!;
    const size = Number(/font-size="([\d.]+)px"/.exec(text)?.[1] ?? 11);
    const bold = /font-weight="bold"/.test(text);
    const spans = [...text.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
    const lines = spans.length ? spans : [text.replace(/<[^>]+>/g, '')];
    for (const line of lines) out.push({ text: line.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"), size, bold });
  }
  return out;
}

describe('chart titles', () => {
  it('wrap between words, never inside one', () => {
    const lines = wrapLine('Share of articles carrying each top tag, by period', 200, { fontSize: 15, fontWeight: 'bold' });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Share of articles carrying each top tag, by period');
    for (const line of lines) expect(TITLE_SAFETY * measureText({ fontSize: 15, fontWeight: 'bold' }, line)).toBeLessThanOrEqual(200);
    expect(wrapLine('每个标签在每个季度的文章占比以及变化趋势', 100, { fontSize: 12 }).length).toBeGreaterThan(1);
    const spec = { title: { text: 'short', subtitle: 'also short' }, mark: 'point' } as never;
    expect(fitTitle(spec, 400)).toBe(spec);
  });

  it('fit a narrow chart: a tag-share heatmap of two quarters', async () => {
    const records = Array.from({ length: 40 }, (_, i) => record({ published: i % 2 ? '2025-01-10' : '2025-04-10', tags: [`标签${i % 8}`] }));
    const articles = withCohortIndex(articleTable(records));
    const spec = tagShareHeatmap(tagShareByPeriod(articles, { by: 'quarter' }), chartContext(articles));
    const overflows = (svg: string) => titleLines(svg).some((line) => PADDING + TITLE_SAFETY * measureText({ fontSize: line.size, fontWeight: line.bold ? 'bold' : 'normal' }, line.text) > svgWidth(svg));
    const plain = await renderSvg(spec);
    const bare = svgWidth(await renderSvg({ ...spec, title: undefined } as never));
    // Unwrapped, the title makes the chart far wider than its plot.
    expect(svgWidth(plain)).toBeGreaterThan(bare + 100);
    const fitted = await renderFitted(spec);
    expect(overflows(fitted.svg)).toBe(false);
    expect((fitted.spec as { title: { text: string[] } }).title.text).toEqual(['Share of articles carrying', 'each top tag, by period']);
    expect(svgWidth(fitted.svg)).toBeLessThan(svgWidth(plain));
  });

  it('are wrapped to the width the chart has without them, known from the render with them', async () => {
    const records = Array.from({ length: 40 }, (_, i) => record({ published: i % 2 ? '2025-01-10' : '2025-04-10', tags: [`标签${i % 8}`] }));
    const articles = withCohortIndex(articleTable(records));
    const title = { text: 'A title far wider than any of these charts, so that it sets their width', subtitle: 'and a subtitle that is just as long, or nearly as long as the title' };
    const values = [{ name: '一个很长很长的类别名称', group: 'a', n: 3 }, { name: 'b', group: 'b', n: -5 }, { name: 'c', group: 'a', n: 12 }];
    const bars = { data: { values }, mark: 'bar', encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'n', type: 'quantitative' }, color: { field: 'group', type: 'nominal' } } };
    const specs = [
      tagShareHeatmap(tagShareByPeriod(articles, { by: 'quarter' }), chartContext(articles)),
      { title, ...bars },
      { title, ...bars, encoding: { ...bars.encoding, color: { ...bars.encoding.color, legend: { orient: 'left' } } } },
      { title: { ...title, anchor: 'end' }, data: { values }, hconcat: [{ mark: 'point', encoding: { x: { field: 'n', type: 'quantitative' } } }, { mark: 'tick', encoding: { y: { field: 'name', type: 'nominal' } } }] },
      { title: { ...title, orient: 'left' }, ...bars },
    ] as never[];
    for (const spec of specs) {
      const { chartWidth } = await renderMeasured(spec, () => {});
      expect(chartWidth, JSON.stringify(spec).slice(0, 80)).toBe(svgWidth(await renderSvg(withoutTitle(spec))));
    }
  });

  it('are wrapped without saying a chart\'s warnings twice', async () => {
    // Warned when compiled (a channel a bar has not) and when run (no number for a log scale).
    const warned = { data: { values: [{ a: 'x' }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', scale: { type: 'log' } }, shape: { field: 'a', type: 'nominal' } } };
    const plain = await renderChart(warned as never);
    const titled = await renderChart({ ...warned, title: 'A title far wider than this small chart, so that it is wrapped to fit it' } as never);
    expect((titled.spec as { title: { text: string[] } }).title.text.length).toBeGreaterThan(1);
    expect(plain.warnings.length).toBeGreaterThan(2);
    expect(titled.warnings).toEqual(plain.warnings);
  });

  it.skipIf(skipRealData)('fit every chart of the real archive\'s report', async () => {
    const input = prepareNotebookInput(await loadArticles([ARCHIVE]));
    let checked = 0;
    for (const notebook of BUILT_IN_NOTEBOOKS) {
      for (const cell of (await notebook.run(input)).cells) {
        if (cell.kind !== 'chart') continue;
        const { svg } = await renderFitted(cell.spec);
        const width = svgWidth(svg);
        const lines = titleLines(svg);
        expect(lines.length, cell.name).toBeGreaterThan(0);
        for (const line of lines) {
          const used = TITLE_SAFETY * measureText({ fontSize: line.size, fontWeight: line.bold ? 'bold' : 'normal' }, line.text);
          expect(PADDING + used, `${notebook.name}/${cell.name}: "${line.text}"`).toBeLessThanOrEqual(width);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(12);
  }, 120_000);
});
