import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/charts/render.ts';
import { measureText, textWidthEm } from '../../src/charts/text-metrics.ts';
import { formatCount } from '../../src/charts/theme.ts';
import { tagLeaderboardChart } from '../../src/charts/tag-charts.ts';
import { viewsCollectsChart } from '../../src/charts/overview-charts.ts';
import { from } from 'arquero';
import { comparisonDistributionChart } from '../../src/charts/compare-charts.ts';
import { medianSorted, quantileSorted } from '../../src/stats/quantiles.ts';
import { seededRandom } from '../../src/stats/random.ts';

const context = { articles: 3, firstMonth: '2024-01', lastMonth: '2024-03', locale: 'en' as const, categories: ['pd'] };

describe('text metrics', () => {
  it('measures Chinese a full em per character and Latin by glyph', () => {
    expect(textWidthEm('小红书')).toBe(3);
    expect(textWidthEm('ii')).toBeCloseTo(0.444, 3);
    expect(textWidthEm('MW')).toBeCloseTo(1.777, 3);
    expect(measureText({ fontSize: 10 }, '数据分析 AI')).toBeCloseTo(40 + 10 * (0.278 + 0.667 + 0.278), 6);
  });

  it('formats counts for people', () => {
    expect(formatCount(12_345)).toBe('12.3k');
    expect(formatCount(12_345, 'zh')).toBe('1.2万');
    expect(formatCount(250_000_000, 'zh')).toBe('2.5亿');
    expect(formatCount(3000)).toBe('3000');
  });
});

describe('comparison distribution', () => {
  it('boxes each group by the quantiles of its values above zero, as a sort of them gives, small groups and large', () => {
    const random = seededRandom(3);
    // Ties, zeros (left out of a log axis) and sizes on both sides of the histogram path (16,384 values).
    const group = (label: string, n: number) => ({ label, values: Array.from({ length: n }, () => (random() < 0.05 ? 0 : Math.round(Math.exp(4 * random() - 2) * 100) / 100)) });
    const groups = [group('甲', 7), group('乙', 1000), group('丙', 40_001), group('丁', 50_000), { label: 'none', values: [0, 0] }];
    const rows = (comparisonDistributionChart(groups, 'cohort index', context) as { data: { values: unknown[] } }).data.values;
    expect(rows).toEqual(groups.slice(0, 4).map(({ label, values }) => {
      const sorted = Float64Array.from(values.filter((v) => v > 0)).sort();
      return { group: `${label} (${values.length})`, p5: quantileSorted(sorted, 0.05), q1: quantileSorted(sorted, 0.25), median: medianSorted(sorted), q3: quantileSorted(sorted, 0.75), p95: quantileSorted(sorted, 0.95) };
    }));
  });
});

describe('rendering', () => {
  const board = from([
    { tag: '一个非常非常非常非常非常非常长的中文标签名字', count: 40, cohortIndex: 1.3, cohortIndexLow: 1.1, cohortIndexHigh: 1.5, smallSample: false },
    { tag: 'ChatGPT', count: 25, cohortIndex: 0.9, cohortIndexLow: 0.7, cohortIndexHigh: 1.2, smallSample: true },
  ]);

  it('truncates long Chinese labels with an ellipsis and renders the same bytes twice', async () => {
    const first = await renderSvg(tagLeaderboardChart(board, context));
    const second = await renderSvg(tagLeaderboardChart(board, context));
    expect(second).toBe(first);
    expect(first).toContain('…');
    expect(first).toContain('ChatGPT');
    expect(first).toContain('Noto Sans CJK SC');
  });

  it('switches the scatter to a binned density above the point limit', () => {
    const views = Array.from({ length: 50 }, (_, i) => 100 + i * 10);
    const collects = views.map((v) => Math.round(v / 100));
    const categories = views.map(() => 'pd');
    const dots = viewsCollectsChart(views, collects, categories, context, 100) as { mark: unknown; data: { values: unknown[] } };
    const binned = viewsCollectsChart(views, collects, categories, context, 10) as { mark: unknown; data: { values: unknown[] } };
    expect(dots.data.values).toHaveLength(50);
    expect(binned.mark).toBe('rect');
    expect(binned.data.values.length).toBeLessThan(50);
    // Each cell counts the articles whose views and collects + 1 fall in it (tenths of a decade),
    // odd values (no views, missing collects, huge counts) in cells of their own.
    const odd = [...views, 0, 1e9, 5e8, 300, 300];
    const oddCollects = [...collects, 0, 2e6, NaN, NaN, -3];
    const cells = (viewsCollectsChart(odd, oddCollects, odd.map(() => 'pd'), context, 10) as { data: { values: { x: number; y: number; count: number }[] } }).data.values;
    const expected = new Map<string, number>();
    odd.forEach((v, i) => {
      const key = `${Math.floor(Math.log10(Math.max(v, 1)) / 0.1)},${Math.floor(Math.log10(oddCollects[i]! + 1) / 0.1)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    });
    expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(odd.length);
    expect(cells).toHaveLength(expected.size);
    expect(cells.filter((cell) => Number.isFinite(cell.x) && Number.isFinite(cell.y)).map((cell) => cell.count).sort())
      .toEqual([...expected].filter(([key]) => !key.includes('NaN')).map(([, count]) => count).sort());
  });
});
