/**
 * Seniority labels of the reference site. Many articles carry the reader's experience
 * (`1年` … `5年`) and a level (`初级` / `中级` / `高级`) as tags; they are not topics, and they
 * stop in 2023, so analyses keep them apart from topic tags.
 */

/** The three reader levels, from junior to senior. */
export const LEVELS = ['初级', '中级', '高级'] as const;

const LEVEL_SET: ReadonlySet<string> = new Set(LEVELS);
// 1年 … 5年 only: a tag like `2020年` is a year, not a seniority label.
const YEARS_TAG = /^([1-5])年$/;

/** True for a tag that labels seniority rather than a topic. */
export function isLevelTag(tag: string): boolean {
  return LEVEL_SET.has(tag) || YEARS_TAG.test(tag);
}

export interface LevelSplit {
  level: string | null;
  experienceYears: number | null;
  topicTags: string[];
}

/** Splits an article's tags into its level, its experience years and its topic tags. */
export function splitLevelTags(tags: readonly string[]): LevelSplit {
  let level: string | null = null;
  let experienceYears: number | null = null;
  const topicTags: string[] = [];
  for (const tag of tags) {
    if (LEVEL_SET.has(tag)) {
      level ??= tag;
      continue;
    }
    const years = YEARS_TAG.exec(tag);
    if (years) {
      experienceYears ??= Number(years[1]);
      continue;
    }
    topicTags.push(tag);
  }
  return { level, experienceYears, topicTags };
}
