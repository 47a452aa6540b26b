/**
 * The derive step of a load: the columns computed from an article's own fields once the table
 * has one row per article (rates, age, calendar parts, views percentile within the publish month,
 * level and experience tags apart from topic tags). Each is computed on first read, once per
 * distinct value where it can be (a date, a tag), over the table's typed columns.
 */
import { isLevelTag, LEVELS } from '../levels.ts';
import { collectRate, commentRate, percentilesInMonth, viewsPerDay } from '../metrics.ts';
import { DATE_SLOT_COUNT, dateSlot, Dictionary, isoFromCode } from './table/batch.ts';
import { DictionaryColumn, ListColumn, NullableNumberColumn } from './table/table-columns.ts';

const DAY_MS = 86_400_000;

/** A computation run on first call, then remembered. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  // Let go once run, with whatever it read (the batches' arrays a column is copied from).
  let pending: (() => T) | undefined = make;
  return () => {
    if (pending) {
      value = pending();
      pending = undefined;
    }
    return value as T;
  };
}

/** Where a code's value sits in a direct table, and how many places the table has. */
interface Slots {
  of: (code: number) => number;
  size: number;
}

// Dates and months of 1990–2100 (what the parsers accept, bar MongoDB instants) look up a direct
// table, which beats a Map per row; any other uses a Map.
const DATE_SLOTS: Slots = { of: (code) => dateSlot(Math.floor(code / 10000), Math.floor(code / 100) % 100, code % 100), size: DATE_SLOT_COUNT };
const MONTH_SLOTS: Slots = { of: (code) => (Math.floor(code / 10000) - 1990) * 13 + (Math.floor(code / 100) % 100), size: 111 * 13 };

/**
 * Dictionary keys of yyyymmdd codes, one value per distinct `group(code)` (the date, the month):
 * the value is named once per group; `onNew` hears each new group's first code and key.
 */
function keysOfCodes(
  codes: Int32Array, group: (code: number) => number, slots: Slots, name: (code: number) => string,
  onNew?: (code: number, key: number) => void,
): { keys: Int32Array; values: string[] } {
  const dictionary = new Dictionary();
  const table = new Int32Array(slots.size).fill(-1);
  const others = new Map<number, number>();
  const keys = new Int32Array(codes.length);
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r]!;
    const slot = slots.of(code);
    const inTable = slot >= 0 && slot < slots.size;
    let key = inTable ? table[slot]! : (others.get(group(code)) ?? -1);
    if (key < 0) {
      key = dictionary.id(name(code));
      if (inTable) table[slot] = key;
      else others.set(group(code), key);
      onNew?.(code, key);
    }
    keys[r] = key;
  }
  return { keys, values: dictionary.values };
}

/** Days since 1970-01-01 of yyyymmdd. */
function dayOf(code: number): number {
  return Date.UTC(Math.floor(code / 10000), (Math.floor(code / 100) % 100) - 1, code % 100) / DAY_MS;
}

/** What the derived columns are computed from: the table's columns, in table order. */
export interface DeriveInput {
  /** Rows of the table. */
  rows: number;
  /** The date ages are measured to (`YYYY-MM-DD`); null for an empty table. */
  asOf: string | null;
  /** Publish dates as yyyymmdd. */
  published: () => Int32Array;
  views: () => Float64Array;
  comments: () => Float64Array;
  collects: () => Float64Array;
  tags: () => ListColumn;
}

/**
 * The derived columns of a table, each a function that computes it on first call.
 * @example deriveColumns({ rows, asOf: '2025-06-30', published, views, comments, collects, tags }).ageDays()
 */
export function deriveColumns({ rows, asOf, published, views, comments, collects, tags }: DeriveInput) {
  const asOfDay = dayOf(asOf ? Number(asOf.slice(0, 4)) * 10000 + Number(asOf.slice(5, 7)) * 100 + Number(asOf.slice(8, 10)) : 19700101);
  /** Published dates and day numbers, computed once per distinct date. */
  const calendar = once(() => {
    const dayNumbers: number[] = [];
    const dates = keysOfCodes(published(), (code) => code, DATE_SLOTS, isoFromCode, (code, key) => { dayNumbers[key] = dayOf(code); });
    const days = new Float64Array(rows);
    for (let r = 0; r < rows; r++) days[r] = dayNumbers[dates.keys[r]!]!;
    return { published: new DictionaryColumn(dates.keys, dates.values), days };
  });
  /** Publish months, straight from the yyyymmdd codes (a month table needs no per-date work). */
  const months = once(() => {
    const monthsOf = keysOfCodes(published(), (code) => Math.floor(code / 100), MONTH_SLOTS, (code) => isoFromCode(code).slice(0, 7));
    return new DictionaryColumn(monthsOf.keys, monthsOf.values);
  });
  const ageDays = once(() => {
    const { days } = calendar();
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) out[r] = Math.round(asOfDay - days[r]!);
    return out;
  });
  const percentiles = once(() => percentilesInMonth(months().keys, views()));
  const rate = (numerator: () => Float64Array, metric: (count: number, views: number) => number | null) => () => {
    const top = numerator();
    const bottom = views();
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) out[r] = metric(top[r]!, bottom[r]!) ?? NaN;
    return new NullableNumberColumn(out);
  };
  // Level, experience years and topic tags, classified once per distinct tag.
  const levels = once(() => {
    const { offsets, ids, values } = tags();
    const levelIndex = values.map((tag) => (LEVELS as readonly string[]).indexOf(tag));
    const yearsOf = values.map((tag) => (isLevelTag(tag) && !(LEVELS as readonly string[]).includes(tag) ? Number(tag.slice(0, 1)) : 0));
    const level = new Int32Array(rows).fill(-1);
    const experienceYears = new Float64Array(rows).fill(NaN);
    const topicOffsets = new Int32Array(rows + 1);
    const topicIds = new Int32Array(ids.length);
    let topicCount = 0;
    for (let r = 0; r < rows; r++) {
      for (let k = offsets[r]!; k < offsets[r + 1]!; k++) {
        const tag = ids[k]!;
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
    return {
      level: new DictionaryColumn(level, LEVELS),
      experienceYears: new NullableNumberColumn(experienceYears),
      topicTags: new ListColumn(topicOffsets, topicIds.subarray(0, topicCount), values),
    };
  });
  return {
    published: () => calendar().published,
    collectRate: rate(collects, collectRate),
    commentRate: rate(comments, commentRate),
    ageDays,
    viewsPerDay: () => {
      const v = views();
      const age = ageDays();
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) out[r] = viewsPerDay(v[r]!, age[r]!);
      return out;
    },
    percentileInAge: () => new NullableNumberColumn(percentiles().percentile),
    score: () => new NullableNumberColumn(percentiles().score),
    level: () => levels().level,
    experienceYears: () => levels().experienceYears,
    topicTags: () => levels().topicTags,
    month: months,
    year: () => {
      const codes = published();
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) out[r] = Math.floor(codes[r]! / 10000);
      return out;
    },
    weekday: () => {
      const { days } = calendar();
      const out = new Float64Array(rows);
      // 1970-01-01 (day 0) was a Thursday: ISO weekday 4.
      for (let r = 0; r < rows; r++) out[r] = ((((Math.round(days[r]!) + 3) % 7) + 7) % 7) + 1;
      return out;
    },
  };
}
