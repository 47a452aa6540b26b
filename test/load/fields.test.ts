import { describe, expect, it } from 'vitest';
import { cleanTags, parseArticleUrl, parseCount, parseDate } from '../../src/load/fields.ts';

describe('parseCount', () => {
  it.each([
    ['1234', 1234], ['1,234', 1234], ['1.2万', 12000], ['3.4k', 3400], ['3.4K', 3400], ['2w', 20000],
    [' 0 ', 0], ['10万+', 100000],
  ])('%s → %d', (text, value) => expect(parseCount(text)).toBe(value));
  it.each(['', 'abc', '-5', '1.2.3', '12 345'])('rejects %j', (text) => expect(parseCount(text)).toBeNull());
});

describe('parseDate', () => {
  it('reads ISO dates and rejects impossible ones', () => {
    expect(parseDate('2025-05-27')).toBe('2025-05-27');
    expect(parseDate('2025/5/7 10:00')).toBe('2025-05-07');
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });
});

describe('parseArticleUrl', () => {
  it('takes the id and category slug', () => {
    expect(parseArticleUrl('https://www.woshipm.com/operate/6221872.html')).toEqual({
      url: 'https://www.woshipm.com/operate/6221872.html', id: 6221872, category: 'operate' });
    expect(parseArticleUrl('https://www.woshipm.com/Data-Analysis/42.html')?.category).toBe('data-analysis');
    expect(parseArticleUrl('https://www.woshipm.com/operate/x.html')).toBeNull();
  });
});

describe('cleanTags', () => {
  it('trims, splits full-width commas, drops None and duplicates, keeps order', () => {
    expect(cleanTags([' b ', 'a，b', 'None', '', 'c'])).toEqual(['b', 'a', 'c']);
  });
});
