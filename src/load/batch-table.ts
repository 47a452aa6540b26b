/**
 * Batches → the article table: one row per article id (the copy with the most views; on a tie the
 * first in input order), sorted by id, with the derived columns (rates, age, calendar parts, level
 * vs topic tags; the as-of date is a parameter because the archive does not record when it was
 * scraped). Works on the
 * batches' arrays: no object per article, text stays dictionary keys or UTF-8 until read.
 */
import { type ColumnTable, table } from 'arquero';
import { ARTICLE_COLUMNS } from '../article.ts';
import { isLevelTag, LEVELS } from '../levels.ts';
import { collectRate, commentRate, viewsPerDay } from '../metrics.ts';
import { type ArticleBatch, Dictionary, isoFromCode } from './batch.ts';
import { DictionaryColumn, ListColumn, NullableNumberColumn, Utf8Column } from './table-columns.ts';

export interface BatchTable {
  articles: ColumnTable;
  asOf: string | null;
  duplicates: number;
  duplicateIds: number;
  duplicatesWithDifferentStats: number;
}

const DAY_MS = 86_400_000;

/**
 * Row numbers (into the concatenated batches) sorted by id, ties in input order. Ids that are
 * integers below 2^32 (all real ones) take a two-pass radix sort; anything else a comparison sort.
 */
function orderById(ids: Float64Array): Int32Array {
  const n = ids.length;
  let radix = true;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (!(id >= 0 && id < 4294967296 && Number.isInteger(id))) {
      radix = false;
      break;
    }
  }
  if (!radix) return Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b));
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Int32Array(65537);
    for (let i = 0; i < n; i++) counts[((ids[order[i]!]! / 2 ** shift) & 0xffff) + 1]!++;
    for (let d = 1; d <= 65536; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      next[counts[(ids[row]! / 2 ** shift) & 0xffff]!++] = row;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Concatenation of one numeric column of every batch. */
function concatNumbers(batches: readonly ArticleBatch[], pick: (batch: ArticleBatch) => Float64Array): Float64Array {
  if (batches.length === 1) return pick(batches[0]!);
  const out = new Float64Array(batches.reduce((sum, batch) => sum + batch.n, 0));
  let at = 0;
  for (const batch of batches) {
    out.set(pick(batch), at);
    at += batch.n;
  }
  return out;
}

/** Days since 1970-01-01 of yyyymmdd. */
function dayOf(code: number): number {
  return Date.UTC(Math.floor(code / 10000), (Math.floor(code / 100) % 100) - 1, code % 100) / DAY_MS;
}

/**
 * Builds the article table from batches in input order.
 * @param asOf `YYYY-MM-DD` ages are measured to; default the newest published date
 */
export function tableFromBatches(batches: readonly ArticleBatch[], asOf?: string): BatchTable {
  const ids = concatNumbers(batches, (b) => b.id);
  const views = concatNumbers(batches, (b) => b.views);
  const comments = concatNumbers(batches, (b) => b.comments);
  const collects = concatNumbers(batches, (b) => b.collects);

  // Keep one row per id.
  const order = orderById(ids);
  const kept = new Int32Array(order.length);
  let m = 0;
  let duplicates = 0;
  let duplicateIds = 0;
  let duplicatesWithDifferentStats = 0;
  for (let start = 0; start < order.length;) {
    const id = ids[order[start]!]!;
    let end = start + 1;
    while (end < order.length && ids[order[end]!] === id) end++;
    let best = order[start]!;
    for (let k = start + 1; k < end; k++) if (views[order[k]!]! > views[best]!) best = order[k]!;
    kept[m++] = best;
    if (end - start > 1) {
      duplicates += end - start - 1;
      duplicateIds++;
      for (let k = start; k < end; k++) {
        const row = order[k]!;
        if (views[row] !== views[best] || comments[row] !== comments[best] || collects[row] !== collects[best]) {
          duplicatesWithDifferentStats++;
          break;
        }
      }
    }
    start = end;
  }
  const rows = kept.subarray(0, m);

  // Where each concatenated row lives: batch and row within it.
  const firstRow: number[] = [];
  let total = 0;
  for (const batch of batches) {
    firstRow.push(total);
    total += batch.n;
  }
  const batchOf = new Uint16Array(total);
  batches.forEach((batch, b) => batchOf.fill(b, firstRow[b]!, firstRow[b]! + batch.n));

  const gatherNumbers = (all: Float64Array): Float64Array => {
    const out = new Float64Array(m);
    for (let r = 0; r < m; r++) out[r] = all[rows[r]!]!;
    return out;
  };
  const gatherPerBatch = (pick: (batch: ArticleBatch) => Float64Array): Float64Array => gatherNumbers(concatNumbers(batches, pick));

  // Dictionary-encoded text: remap each batch's keys to one dictionary.
  const gatherKeys = (pick: (batch: ArticleBatch) => Int32Array, dictOf: (batch: ArticleBatch) => string[]): DictionaryColumn => {
    const dictionary = new Dictionary();
    const remaps = batches.map((batch) => Int32Array.from(dictOf(batch), (value) => dictionary.id(value)));
    const keys = new Int32Array(m);
    for (let r = 0; r < m; r++) {
      const row = rows[r]!;
      const b = batchOf[row]!;
      const key = pick(batches[b]!)[row - firstRow[b]!]!;
      keys[r] = key < 0 ? -1 : remaps[b]![key]!;
    }
    return new DictionaryColumn(keys, dictionary.values);
  };

  const utf8 = (pick: (batch: ArticleBatch) => ArticleBatch['title'], trim: boolean, emptyIsNull: boolean): Utf8Column => {
    // Value numbers run through the batches in order, so a row's value number is its concatenated row.
    return new Utf8Column(batches.map(pick), Int32Array.from(rows), trim, emptyIsNull);
  };

  // Tags: one dictionary, lists gathered in table order.
  const tagDictionary = new Dictionary();
  const tagRemaps = batches.map((batch) => Int32Array.from(batch.dict.tags, (tag) => tagDictionary.id(tag)));
  const tagOffsets = new Int32Array(m + 1);
  let tagCount = 0;
  for (let r = 0; r < m; r++) {
    const row = rows[r]!;
    const batch = batches[batchOf[row]!]!;
    const local = row - firstRow[batchOf[row]!]!;
    tagCount += batch.tagOffsets[local + 1]! - batch.tagOffsets[local]!;
    tagOffsets[r + 1] = tagCount;
  }
  const tagIds = new Int32Array(tagCount);
  for (let r = 0; r < m; r++) {
    const row = rows[r]!;
    const b = batchOf[row]!;
    const batch = batches[b]!;
    const local = row - firstRow[b]!;
    const remap = tagRemaps[b]!;
    let at = tagOffsets[r]!;
    for (let k = batch.tagOffsets[local]!; k < batch.tagOffsets[local + 1]!; k++) tagIds[at++] = remap[batch.tagIds[k]!]!;
  }

  // Published dates: codes → one dictionary of ISO dates, and per distinct date its day number.
  const published = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const row = rows[r]!;
    const b = batchOf[row]!;
    published[r] = batches[b]!.published[row - firstRow[b]!]!;
  }
  let newest = -1;
  for (let r = 0; r < m; r++) if (published[r]! > newest) newest = published[r]!;
  const resolvedAsOf = asOf ?? (m > 0 ? isoFromCode(newest) : null);
  const asOfDay = dayOf(resolvedAsOf ? Number(resolvedAsOf.slice(0, 4)) * 10000 + Number(resolvedAsOf.slice(5, 7)) * 100 + Number(resolvedAsOf.slice(8, 10)) : 19700101);
  const dateDictionary = new Dictionary();
  const monthDictionary = new Dictionary();
  const dateKey = new Map<number, number>();
  const dayNumbers: number[] = [];
  const monthKeys: number[] = [];
  const publishedKeys = new Int32Array(m);
  const monthColumn = new Int32Array(m);
  const ageDays = new Float64Array(m);
  const year = new Float64Array(m);
  const weekday = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const code = published[r]!;
    let key = dateKey.get(code);
    if (key === undefined) {
      const iso = isoFromCode(code);
      key = dateDictionary.id(iso);
      dateKey.set(code, key);
      dayNumbers[key] = dayOf(code);
      monthKeys[key] = monthDictionary.id(iso.slice(0, 7));
    }
    publishedKeys[r] = key;
    monthColumn[r] = monthKeys[key]!;
    const day = dayNumbers[key]!;
    ageDays[r] = Math.round(asOfDay - day);
    year[r] = Math.floor(code / 10000);
    // 1970-01-01 (day 0) was a Thursday: ISO weekday 4.
    weekday[r] = ((((Math.round(day) + 3) % 7) + 7) % 7) + 1;
  }

  const viewsOut = gatherNumbers(views);
  const commentsOut = gatherNumbers(comments);
  const collectsOut = gatherNumbers(collects);
  const collectRates = new Float64Array(m);
  const commentRates = new Float64Array(m);
  const perDay = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    collectRates[r] = collectRate(collectsOut[r]!, viewsOut[r]!) ?? NaN;
    commentRates[r] = commentRate(commentsOut[r]!, viewsOut[r]!) ?? NaN;
    perDay[r] = viewsPerDay(viewsOut[r]!, ageDays[r]!);
  }

  // Level, experience years and topic tags, classified once per distinct tag.
  const tagValues = tagDictionary.values;
  const levelIndex = tagValues.map((tag) => (LEVELS as readonly string[]).indexOf(tag));
  const yearsOf = tagValues.map((tag) => (isLevelTag(tag) && !(LEVELS as readonly string[]).includes(tag) ? Number(tag.slice(0, 1)) : 0));
  const level = new Int32Array(m).fill(-1);
  const experienceYears = new Float64Array(m).fill(NaN);
  const topicOffsets = new Int32Array(m + 1);
  const topicIds = new Int32Array(tagCount);
  let topicCount = 0;
  for (let r = 0; r < m; r++) {
    for (let k = tagOffsets[r]!; k < tagOffsets[r + 1]!; k++) {
      const tag = tagIds[k]!;
      if (levelIndex[tag]! >= 0) {
        if (level[r]! < 0) level[r] = levelIndex[tag]!;
      } else if (yearsOf[tag]! > 0) {
        if (experienceYears[r] !== experienceYears[r]) experienceYears[r] = yearsOf[tag]!;
      } else {
        topicIds[topicCount++] = tag;
      }
    }
    topicOffsets[r + 1] = topicCount;
  }

  const columns: Record<string, unknown> = {
    id: gatherNumbers(ids),
    title: utf8((b) => b.title, true, false),
    author: gatherKeys((b) => b.author, (b) => b.dict.author),
    authorId: new NullableNumberColumn(gatherPerBatch((b) => b.authorId)),
    category: gatherKeys((b) => b.category, (b) => b.dict.category),
    categoryName: gatherKeys((b) => b.categoryName, (b) => b.dict.categoryName),
    published: new DictionaryColumn(publishedKeys, dateDictionary.values),
    views: viewsOut,
    comments: commentsOut,
    collects: collectsOut,
    tags: new ListColumn(tagOffsets, tagIds, tagValues),
    url: utf8((b) => b.url, false, false),
    brief: utf8((b) => b.brief, false, true),
    readingMinutes: new NullableNumberColumn(gatherPerBatch((b) => b.readingMinutes)),
    bodyChars: new NullableNumberColumn(gatherPerBatch((b) => b.bodyChars)),
    images: new NullableNumberColumn(gatherPerBatch((b) => b.images)),
    collectRate: new NullableNumberColumn(collectRates),
    commentRate: new NullableNumberColumn(commentRates),
    ageDays,
    viewsPerDay: perDay,
    level: new DictionaryColumn(level, LEVELS),
    experienceYears: new NullableNumberColumn(experienceYears),
    topicTags: new ListColumn(topicOffsets, topicIds.subarray(0, topicCount), tagValues),
    month: new DictionaryColumn(monthColumn, monthDictionary.values),
    year,
    weekday,
    source: gatherKeys((b) => b.source, (b) => b.dict.source),
  };
  const ordered = Object.fromEntries(ARTICLE_COLUMNS.map((name) => [name, columns[name]]));
  return {
    articles: table(ordered as never),
    asOf: m > 0 ? resolvedAsOf : null,
    duplicates, duplicateIds, duplicatesWithDifferentStats,
  };
}
