import { describe, expect, it } from 'vitest';
import { cleanTags, countProblem, dateProblem, isoDate, parseArticleUrl, parseCount, parseDate } from '../../src/load/formats/fields.ts';

describe('parseCount', () => {
  it.each([
    ['1234', 1234], ['1,234', 1234], ['1.2万', 12000], ['3.4k', 3400], ['3.4K', 3400], ['2w', 20000],
    [' 0 ', 0], ['10万+', 100000],
  ])('%s → %d', (text, value) => expect(parseCount(text)).toBe(value));
  it.each(['', 'abc', '-5', '1.2.3', '12 345', '1e309', '0x10', '0.5', '1.5', '99999999999999999999', '1,23', '+5', '1000000000001'])('rejects %j', (text) => expect(parseCount(text)).toBeNull());
  it('takes whole numbers from exports, up to 10^12, and says why others are not counts', () => {
    expect(parseCount(1_000_000_000_000)).toBe(1e12);
    for (const value of [1.5, -1, 1e13, Infinity, NaN]) expect(parseCount(value)).toBeNull();
    expect(countProblem(1.5)).toBe('1.5 is not a whole number');
    expect(countProblem('-5')).toMatch(/^"-5" is not a count/);
    expect(countProblem('99999999999999999999')).toBe('"99999999999999999999" is over 10^12');
    expect(countProblem('12')).toBeNull();
  });
});

describe('dateProblem', () => {
  it('says what is wrong with a date', () => {
    expect(dateProblem('1900-01-02')).toBe('year 1900 is outside 1990–2100');
    expect(dateProblem('2023-02-30')).toBe('2023-02-30 is not a calendar day');
    expect(dateProblem('soon')).toBe('expected a date like 2025-06-30');
    expect(dateProblem('2025-05-27')).toBeNull();
  });
});

describe('parseDate', () => {
  it('reads ISO dates and rejects impossible ones', () => {
    expect(parseDate('2025-05-27')).toBe('2025-05-27');
    expect(parseDate('2025/5/7 10:00')).toBe('2025-05-07');
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });
});

describe('isoDate', () => {
  it('writes real calendar days only, the same each time it is asked (answers are kept per day)', () => {
    for (let round = 0; round < 2; round++) {
      expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
      expect(isoDate(2023, 2, 29)).toBeNull();
      expect(isoDate(2025, 4, 31)).toBeNull();
      expect(isoDate(2025, 12, 31)).toBe('2025-12-31');
      expect(isoDate(2025, 1, 5)).toBe('2025-01-05');
      expect(isoDate(1989, 12, 31)).toBeNull();
      expect(isoDate(2025, 13, 1)).toBeNull();
    }
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
