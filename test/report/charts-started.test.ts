/**
 * A report starts rendering each chart as its notebook adds it, while the notebook goes on, and
 * uses that rendering unless the cell's spec was replaced afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartRenderer } from '../../src/charts/render-aside.ts';
import type { RenderedChart } from '../../src/charts/render.ts';
import { createNotebook } from '../../src/report/notebook.ts';
import { notebookChartsAside, runStartingCharts } from '../../src/report/render.ts';

/** A renderer that records what it was asked, in order, and answers with the spec's title. */
function recordingRenderer(log: string[]): ChartRenderer {
  return {
    render: async (spec: TopLevelSpec) => {
      log.push(`render ${String((spec as { title?: unknown }).title)}`);
      return { svg: `<svg>${String((spec as { title?: unknown }).title)}</svg>`, spec, warnings: [] } satisfies RenderedChart;
    },
    pngs: async () => new Map(),
    start: () => {},
    close: () => {},
  };
}

describe('runStartingCharts', () => {
  it('sends each chart to the renderer as the notebook adds it, and notebookChartsAside reuses it', async () => {
    const log: string[] = [];
    const renderer = recordingRenderer(log);
    const { result: notebook, started } = await runStartingCharts(renderer, async () => {
      const nb = createNotebook('T').chart('a', { title: 'A' } as TopLevelSpec);
      log.push('notebook goes on');
      await new Promise((resolve) => setTimeout(resolve, 5));
      nb.chart('b', { title: 'B' } as TopLevelSpec);
      // A cell whose spec is replaced after it was added is rendered again, from the new spec.
      (nb.cells[1] as { spec: TopLevelSpec }).spec = { title: 'B2' } as TopLevelSpec;
      return nb;
    });
    expect(log).toEqual(['render A', 'notebook goes on', 'render B']);
    expect(started.size).toBe(2);
    const charts = notebookChartsAside(notebook, renderer, started);
    expect(log).toEqual(['render A', 'notebook goes on', 'render B', 'render B2']);
    expect((await charts.get('a')!).svg).toBe('<svg>A</svg>');
    expect((await charts.get('b')!).svg).toBe('<svg>B2</svg>');
  });

  it('starts nothing for a notebook built outside it', async () => {
    const log: string[] = [];
    createNotebook('T').chart('a', { title: 'A' } as TopLevelSpec);
    const { started } = await runStartingCharts(recordingRenderer(log), async () => createNotebook('U'));
    expect(log).toEqual([]);
    expect(started.size).toBe(0);
  });
});
