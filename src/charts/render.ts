/**
 * Spec → Vega → headless View → SVG string. No browser, no canvas. Deterministic: the SVG
 * definition ids that vega numbers globally are reset before every render and renumbered after.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fitTitle, titleWidth, withoutTitle } from './fit-title.ts';
import { installTextMetrics } from './text-metrics.ts';

/** Renumbers `id="clipN"` / `gradientN` / `patternN` in order of first appearance, and their references. */
export function normalizeSvgIds(svg: string): string {
  const mapping = new Map<string, string>();
  const counters = new Map<string, number>();
  svg.replace(/id="((clip|gradient|pattern)_?)(\d+)"/g, (match, prefix: string, _kind: string, number: string) => {
    const old = `${prefix}${number}`;
    if (!mapping.has(old)) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      mapping.set(old, `${prefix}${next}`);
    }
    return match;
  });
  if (mapping.size === 0) return svg;
  return svg.replace(/\b((?:clip|gradient|pattern)_?\d+)\b/g, (id) => mapping.get(id) ?? id);
}

/**
 * Rounds coordinates in `transform` and `d` attributes to 2 decimals: invisible on screen, and
 * it cuts a scatter plot's file by about a third.
 */
export function roundSvgCoordinates(svg: string): string {
  return svg.replace(/ (transform|d)="([^"]*)"/g, (_match, name: string, value: string) =>
    ` ${name}="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`);
}

// Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates), raw
// or as character references: data text holding them would make the SVG unreadable to XML parsers.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|&#(?:x0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|[fF]{3}[eEfF])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));/g;

/**
 * SVG text with every character XML 1.0 forbids removed, so any XML parser reads it.
 * @example xmlSafe('<text>a\u001bb</text>') // '<text>ab</text>'
 */
export function xmlSafe(svg: string): string {
  return svg.replace(XML_FORBIDDEN, '');
}

let engine: Promise<{ vega: typeof import('vega'); vegaLite: typeof import('vega-lite') }> | undefined;

/**
 * vega and vega-lite, loaded by the first render (with the text measure installed): about 0.1 s of
 * module loading that commands drawing no chart (`pulse tags`, `pulse authors`) do not pay.
 */
function chartEngine() {
  return (engine ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    installTextMetrics(vega);
    return { vega, vegaLite };
  }));
}

/**
 * Starts loading vega and vega-lite now, so that the first chart does not wait for them: a
 * thread that will render charts calls it as it starts.
 * @example warmChartEngine(); … await renderChart(spec)
 */
export function warmChartEngine(): void {
  void chartEngine();
}

/** Warnings vega printed while rendering go here instead of the console. */
export type ChartLogger = (message: string) => void;

/**
 * Renders a Vega-Lite spec to an SVG string.
 * @example const svg = await renderSvg(monthlyVolumeChart(trends, context));
 */
export async function renderSvg(spec: TopLevelSpec, warn: ChartLogger = () => {}): Promise<string> {
  return (await renderMeasured(spec, warn)).svg;
}

/**
 * renderSvg's SVG, and the width the chart would have without its title (NaN where that is not
 * known from this render): renderFitted's first step. Also the compiled Vega spec, for a render
 * that changes only the title's text (retitled).
 * @example const { svg, chartWidth } = await renderMeasured(spec, () => {})
 */
export async function renderMeasured(spec: TopLevelSpec, warn: ChartLogger): Promise<{ svg: string; chartWidth: number; vegaSpec: VegaSpec }> {
  const { vega, vegaLite } = await chartEngine();
  const vegaSpec = vegaLite.compile(spec, { logger: quietLogger(warn, vega.Warn) }).spec;
  return { ...await renderCompiled(vegaSpec, warn), vegaSpec };
}

type VegaSpec = import('vega').Spec;

/** A compiled spec's SVG (its definition ids numbered from the start) and chartWidthOf its view. */
async function renderCompiled(vegaSpec: VegaSpec, warn: ChartLogger): Promise<{ svg: string; chartWidth: number }> {
  const { vega } = await chartEngine();
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Warn, logger: quietLogger(warn, vega.Warn) });
  try {
    const svg = xmlSafe(roundSvgCoordinates(normalizeSvgIds(await view.toSVG())));
    return { svg, chartWidth: chartWidthOf(view, vegaSpec.autosize, vega) };
  } finally {
    view.finalize();
  }
}

/**
 * A compiled spec with its title's text and subtitle replaced: what compiling the spec with that
 * title gives, since Vega-Lite passes a title's text and subtitle through as they are (so a
 * wrapped title is not compiled again).
 */
function retitled(vegaSpec: VegaSpec, title: { text: string[]; subtitle?: string[] }): VegaSpec {
  return { ...vegaSpec, title: { ...(vegaSpec.title as object), text: title.text, ...(title.subtitle ? { subtitle: title.subtitle } : {}) } } as VegaSpec;
}

/** The parts of vega's scenegraph that chartWidthOf reads. */
interface SceneMark {
  role: string;
  bounds: import('vega').Bounds;
  items: { bounds: import('vega').Bounds }[];
}

/**
 * The width of a rendered view's SVG had its spec no title. vega lays the title out last, around
 * the rest (vega-view-transforms' layoutGroup: axes, legends and marks first, then the title, then
 * the view's size from the bounds of all): so the bounds of all but the title are those of the
 * chart without it, and the size follows by the same rule (for the spec's autosize "pad", vega's
 * default and the only one a chart here uses). NaN where the view is not of that form: the
 * title-fitting then renders the chart without its title instead.
 */
function chartWidthOf(view: import('vega').View, autosize: unknown, vega: typeof import('vega')): number {
  const group = (view.scenegraph() as unknown as { root: { items: { width?: number; height?: number; clip?: boolean; items: SceneMark[] }[] } }).root.items[0];
  const type = typeof autosize === 'string' ? autosize : (autosize as { type?: string } | undefined)?.type ?? 'pad';
  if (!group || group.clip || type !== 'pad') return NaN;
  const width = Math.max(0, group.width ?? 0);
  const bounds = new vega.Bounds().set(0, 0, width, Math.max(0, group.height ?? 0));
  for (const mark of group.items) {
    if (mark.role === 'title') continue;
    // A legend is placed by moving its item: the item's bounds are where it ends up.
    bounds.union((mark.role === 'legend' ? mark.items[0]?.bounds : undefined) ?? mark.bounds);
  }
  const padding = view.padding() as { left: number; right: number };
  return width + Math.max(0, Math.ceil(-bounds.x1)) + Math.max(0, Math.ceil(bounds.x2 - width)) + padding.left + padding.right;
}

/** The width of a rendered SVG, from its root element. */
export function svgWidth(svg: string): number {
  return Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? NaN);
}

// The theme's padding on each side of a chart (theme.ts chartConfig).
const PADDING = 8;

/** The narrowest a title is wrapped to, however narrow its chart: a few words a line at least. */
const MIN_TITLE_WIDTH = 240;

/**
 * Renders a spec whose title fits its chart. Where the title is what makes the chart as wide as
 * it is (a heatmap of two quarters under a long title), the chart is rendered without it to learn
 * its own width, and the title is wrapped to that (at least MIN_TITLE_WIDTH) and rendered again.
 * @returns the SVG and the spec it was rendered from (the wrapped one, when wrapped)
 * @example const { svg, spec: fitted } = await renderFitted(tagShareHeatmap(shares, context));
 */
export async function renderFitted(spec: TopLevelSpec, warn: ChartLogger = () => {}): Promise<{ svg: string; spec: TopLevelSpec }> {
  // A chart rendered twice (its title wrapped the second time) says each warning once.
  const said = new Set<string>();
  const warnOnce: ChartLogger = (message) => {
    if (!said.has(message)) warn(message);
    said.add(message);
  };
  const { svg, chartWidth: measured, vegaSpec } = await renderMeasured(spec, warnOnce);
  const width = svgWidth(svg);
  // A title clearly narrower than the chart does not set its width: nothing to wrap.
  if (!Number.isFinite(width) || titleWidth(spec) + 2 * PADDING + 8 < width) return { svg, spec };
  const chartWidth = Number.isFinite(measured) ? measured : svgWidth(await renderSvg(withoutTitle(spec)));
  const fitted = fitTitle(spec, Math.max(chartWidth - 2 * PADDING, MIN_TITLE_WIDTH));
  if (fitted === spec) return { svg, spec };
  const { svg: fittedSvg } = await renderCompiled(retitled(vegaSpec, (fitted as { title: { text: string[]; subtitle?: string[] } }).title), warnOnce);
  return { svg: fittedSvg, spec: fitted };
}

/** A chart rendered: its SVG, the spec it was rendered from (renderFitted's) and vega's warnings. */
export interface RenderedChart {
  svg: string;
  spec: TopLevelSpec;
  warnings: string[];
}

/**
 * renderFitted with its warnings collected instead of passed on: what a report keeps of a chart,
 * on whichever thread it was rendered (renderChartsAside).
 * @example const { svg, warnings } = await renderChart(spec)
 */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const warnings: string[] = [];
  const fitted = await renderFitted(spec, (message) => warnings.push(message));
  return { ...fitted, warnings };
}

// A vega logger that forwards warnings and errors and drops the rest.
function quietLogger(warn: ChartLogger, warnLevel: number) {
  let level = warnLevel;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) { warn(args.map(String).join(' ')); return logger; },
    warn(...args: unknown[]) { warn(args.map(String).join(' ')); return logger; },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger as never;
}
