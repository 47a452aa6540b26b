/** PNGs beside chart SVGs: of a set of rendered files at once, or of a report's charts as they arrive. */
import { pngDrawer, pngFonts, svgsToPngs, svgText } from '../charts/png.ts';
import type { RenderedFiles } from './render.ts';

/**
 * Every `charts/NAME.svg` of the files (in any folder of a report), by path.
 * @example chartSvgs(files).get('tags/charts/tag-leaderboard.svg')
 */
export function chartSvgs(files: RenderedFiles): Map<string, string> {
  const svgs = new Map<string, string>();
  for (const [path, content] of files) if (/(^|\/)charts\/[^/]+\.svg$/.test(path) && typeof content === 'string') svgs.set(path, content);
  return svgs;
}

/**
 * Adds `NAME.png` beside every `charts/NAME.svg` in the files (in any folder of a report).
 * `text`: the characters the font must hold (the report's pages', to share their font subset)
 * @example await withPngs(files)
 */
export async function withPngs(files: RenderedFiles, text?: string): Promise<RenderedFiles> {
  const svgs = chartSvgs(files);
  for (const [path, png] of await svgsToPngs(svgs, await pngFonts(svgs.values(), text))) files.set(path.replace(/\.svg$/, '.png'), png);
  return files;
}

/** Characters a chart's SVG may draw beyond its spec's strings: number formats' signs, a cut label's ellipsis. */
const FORMAT_SIGNS = '−…·万亿';

/**
 * Every character of a spec's strings (keys and values), ASCII and FORMAT_SIGNS: a superset of
 * the text its SVG draws (axis labels are data values or numbers, titles the spec's).
 * @example specText({ title: '标签' }) // ' !"#…~−…·万亿标签' (sorted)
 */
export function specText(spec: unknown): string {
  const chars = new Set<string>(FORMAT_SIGNS);
  for (let code = 0x20; code <= 0x7e; code++) chars.add(String.fromCharCode(code));
  const visit = (value: unknown): void => {
    if (typeof value === 'string') for (const ch of value) chars.add(ch);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) { visit(key); visit(inner); }
  };
  visit(spec);
  return [...chars].sort().join('');
}

/** A chart of a report on its way: the spec it is rendered from and, once rendered, its SVG. */
export interface ArrivingChart {
  spec: unknown;
  svg: Promise<string>;
}

/** Draws SVGs as PNG on another thread with these fonts, by the same keys (a ChartRenderer's pngs). */
export type DrawAside = (svgs: ReadonlyMap<string, string>, fonts: readonly Uint8Array[]) => Promise<Map<string, Uint8Array>>;

/**
 * The share of the charts (by SVG size) another thread draws once no chart is still to come:
 * this one has the front page, the tables and the pages' font to make meanwhile.
 */
const ASIDE_SHARE = 0.6;

/**
 * The most charts this thread draws at once when none is still to come: each drawn chart holds
 * its pixels (several MB at 2×) until this thread, busy with the pages, encodes it.
 */
const MOST_AT_ONCE = 2;

/** A chart waiting to be drawn, and where its PNG goes. */
interface Waiting {
  svg: string;
  resolve: (png: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/**
 * PNGs of a report's charts, drawn on this thread as each SVG arrives (a report renders its
 * charts on another thread, and waits for them once its notebooks have run), so that they are
 * drawn while it waits rather than after: one at a time while charts are still to come (the
 * thread rendering them keeps its core); once none are, `aside` (when given) draws about
 * ASIDE_SHARE of those left and this thread the rest, MOST_AT_ONCE at a time. One font is cut at
 * the start, from the charts' specText; a chart whose SVG draws a character beyond it (none
 * known) is drawn at the end with a font of its own. Any font that covers a chart's text draws
 * the same PNG. A chart shown twice (the same SVG under two paths) is drawn once.
 * @returns a function giving every PNG by the path of its SVG once all are drawn; a chart that
 *   failed to render has none
 * @example const drawn = pngsAsChartsArrive(charts, renderer.pngs); …; for (const [path, png] of await drawn()) …
 */
export function pngsAsChartsArrive(charts: ReadonlyMap<string, ArrivingChart>, aside?: DrawAside): () => Promise<Map<string, Uint8Array>> {
  const all = (async () => {
    // The SVGs' text is not known yet (the chart thread's answers come in once the notebooks have
    // ended, which take no turn of the event loop): their specs' characters hold it.
    const text = [...new Set([...charts.values()].map((chart) => specText(chart.spec)).join(''))].sort().join('');
    const covered = new Set(text);
    const fonts = await pngFonts([], text);
    const drawer = await pngDrawer(fonts);
    let toCome = charts.size;
    let drawing = 0;
    const queue: Waiting[] = [];
    const drawHere = (waiting: Waiting) => {
      drawing++;
      drawer.draw(waiting.svg).then(waiting.resolve, waiting.reject).finally(() => { drawing--; next(); });
    };
    const drawAside = (some: Waiting[]) => {
      aside!(new Map(some.map(({ svg }, i) => [String(i), svg])), fonts).then(
        (pngs) => some.forEach((waiting, i) => waiting.resolve(pngs.get(String(i))!)),
        (error) => some.forEach((waiting) => waiting.reject(error)),
      );
    };
    const next = () => {
      if (toCome > 0) {
        if (drawing === 0 && queue.length > 0) drawHere(queue.shift()!);
        return;
      }
      if (aside && queue.length > 1) {
        const total = queue.reduce((sum, { svg }) => sum + svg.length, 0);
        let taken = 0;
        const there: Waiting[] = [];
        while (queue.length > 1 && taken < ASIDE_SHARE * total) {
          const waiting = queue.shift()!;
          taken += waiting.svg.length;
          there.push(waiting);
        }
        drawAside(there);
      }
      while (queue.length > 0 && drawing < MOST_AT_ONCE) drawHere(queue.shift()!);
    };
    const drawn = new Map<string, Promise<Uint8Array | undefined>>();
    const beyond = new Map<string, string>();
    const draw = (path: string, svg: string): Promise<Uint8Array | undefined> => {
      if (![...svgText([svg])].every((ch) => covered.has(ch))) {
        beyond.set(path, svg);
        return Promise.resolve(undefined);
      }
      if (!drawn.has(svg)) {
        drawn.set(svg, new Promise<Uint8Array>((resolve, reject) => {
          queue.push({ svg, resolve, reject });
          // Charts that arrive together are queued together, then shared out.
          queueMicrotask(next);
        }));
      }
      return drawn.get(svg)!;
    };
    const arrives = (chart: ArrivingChart) => {
      void chart.svg.catch(() => {}).finally(() => { toCome--; next(); });
      return chart.svg;
    };
    const results = [...charts].map(([path, chart]) => arrives(chart).then((svg) => draw(path, svg), () => undefined));
    // Every drawing settles before the fonts' files go; the first failure is then thrown.
    const settled = await Promise.allSettled(results).finally(() => drawer.close());
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const late = await svgsToPngs(beyond);
    const pngs = new Map<string, Uint8Array>();
    [...charts.keys()].forEach((path, i) => {
      const png = (settled[i] as PromiseFulfilledResult<Uint8Array | undefined>).value ?? late.get(path);
      if (png) pngs.set(path, png);
    });
    return pngs;
  })();
  all.catch(() => {}); // the caller's to await; a failure then is theirs
  return () => all;
}
