/**
 * The CJK font content-pulse ships (Noto Sans Hans regular and bold, from @embedpdf/fonts-sc;
 * SIL Open Font License), cut down to the characters at hand with harfbuzz's subsetter (the
 * WebAssembly build harfbuzzjs ships): for PNG charts (resvg reads it) and for report pages (a web
 * font, so Chinese shows and prints on a machine without CJK fonts). The whole fonts are 8 MB
 * each; a report's subset is a few hundred KB.
 *
 * Each weight is loaded into the subsetter once per thread and kept: a cut from a loaded face
 * takes ~10–20 ms, against ~70 ms when the 8 MB font is copied in and its tables read again for
 * every cut (a report cuts four times).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { installedPackageFile } from '../package-root.ts';

/** The family name of the shipped font. */
export const FONT_FAMILY = 'Noto Sans Hans';
export const FONT_WEIGHTS = ['Regular', 'Bold'] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

/**
 * The shipped font's given weight cut down to `text`'s characters, as OpenType (what resvg and
 * browsers read).
 * @example const regular = await subsetFont('Regular', '小红书 views')
 */
export function subsetFont(weight: FontWeight, text: string): Promise<Uint8Array> {
  // A report's pages and its PNGs may ask for the same subset: cut it once.
  const key = `${weight}\u0000${text}`;
  let subset = recent.get(key);
  if (!subset) {
    subset = subsetter().then((hb) => cut(hb, faceOf(hb, weight), text || ' '));
    recent.set(key, subset);
    if (recent.size > 4) recent.delete(recent.keys().next().value!);
  }
  return subset;
}

const recent = new Map<string, Promise<Uint8Array>>();

/**
 * Loads the subsetter and both weights ahead: its WebAssembly compiled and the fonts' tables read,
 * which the first cut of each weight otherwise waits for (~0.1 s each on a 2-core VM). A report
 * calls it while it waits for its charts. A failure is left to the cut that needs the font.
 * @example warmSubsetter(); … await subsetFont('Regular', text)
 */
export function warmSubsetter(): void {
  subsetter().then((hb) => {
    for (const weight of FONT_WEIGHTS) cut(hb, faceOf(hb, weight), ' ');
  }).catch(() => {});
}

/** The functions of harfbuzz's subsetter that a cut calls (harfbuzz's C API; pointers are numbers). */
interface Harfbuzz {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(bytes: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
/** The name records a subset keeps: family, style, version, PostScript and typographic names, copyright. */
const KEPT_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 16, 17];

let loading: Promise<Harfbuzz> | undefined;

/**
 * harfbuzz's subsetter, compiled once per thread, synchronously (~15 ms): an asynchronous
 * compilation is handed back only at a turn of the event loop, which a report busy with its pages
 * may not take for a second.
 */
function subsetter(): Promise<Harfbuzz> {
  loading ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm));
    const hb = instance.exports as unknown as Harfbuzz;
    hb._initialize();
    return hb;
  })();
  return loading;
}

const faces = new Map<FontWeight, number>();

/** The weight's face in the subsetter, its font copied in once and kept for the thread's life. */
function faceOf(hb: Harfbuzz, weight: FontWeight): number {
  let face = faces.get(weight);
  if (face === undefined) {
    const font = readFileSync(join(installedPackageFile('@embedpdf/fonts-sc', 'fonts'), `NotoSansHans-${weight}.otf`));
    const at = hb.malloc(font.byteLength);
    if (!at) throw new Error(`cannot load the ${weight} font into the subsetter: out of memory`);
    new Uint8Array(hb.memory.buffer).set(font, at);
    const blob = hb.hb_blob_create(at, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob); // the face holds its own reference
    faces.set(weight, face);
  }
  return face;
}

/** The face cut to the characters of `text`, every layout feature kept (Chinese punctuation forms, ligatures). */
function cut(hb: Harfbuzz, face: number, text: string): Uint8Array {
  const input = hb.hb_subset_input_create_or_fail();
  if (!input) throw new Error('cannot cut the font: the subsetter is out of memory');
  let subset: number;
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    const names = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (const id of KEPT_NAME_IDS) hb.hb_set_add(names, id);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const ch of text) hb.hb_set_add(unicodes, ch.codePointAt(0)!);
    subset = hb.hb_subset_or_fail(face, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (!subset) throw new Error('cannot cut the font: harfbuzz refused it (is the installed @embedpdf/fonts-sc damaged? reinstall it)');
  const blob = hb.hb_face_reference_blob(subset);
  try {
    const at = hb.hb_blob_get_data(blob, 0);
    const length = hb.hb_blob_get_length(blob);
    if (!length) throw new Error('cannot cut the font: harfbuzz made an empty font (is the installed @embedpdf/fonts-sc damaged? reinstall it)');
    return new Uint8Array(hb.memory.buffer.slice(at, at + length));
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
  }
}
