import { once } from 'node:events';
import { table } from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import { runningHelper, stopHelpers } from '../../src/analyze/helper-threads.ts';
import { helpersAhead } from '../../src/analyze/leaderboard-rows.ts';
import { SHARE_CELLS, tableToCsvParts } from '../../src/export/csv-aside.ts';
import { tableToCsvBytes } from '../../src/export/csv.ts';

// A table past SHARE_CELLS: numbers with fractions, whole numbers, nulls, text that needs quoting
// or guarding, Chinese, booleans, dates and lists, in every part of the rows.
const rows = 30_000;
const columns = 20;
const data: Record<string, unknown[]> = {
  title: Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? `=增长 ${i}, "引号"` : `标题 ${i}`)),
  tags: Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? null : ['AI', `标签${i % 13}`])),
  published: Array.from({ length: rows }, (_, i) => new Date(Date.UTC(2024, 0, 1 + (i % 365)))),
  small: Array.from({ length: rows }, (_, i) => i % 3 === 0),
};
for (let c = 0; c < columns - 4; c++) data[`n${c}`] = Array.from({ length: rows }, (_, i) => (i % 11 === c ? null : c % 2 ? i * 1.000173 / (c + 1) : i * c));
const big = table(data);
const joined = (parts: Uint8Array[]) => Buffer.concat(parts);

afterAll(stopHelpers);

describe('tableToCsvParts', () => {
  it('writes one part here when no helper is running', async () => {
    expect(runningHelper()).toBeUndefined();
    const parts = await tableToCsvParts(big);
    expect(parts).toHaveLength(1);
    expect(joined(parts).equals(Buffer.from(tableToCsvBytes(big)))).toBe(true);
  });

  it('shares a large table with a running helper, and its parts join into the same bytes', async () => {
    expect(rows * columns).toBeGreaterThanOrEqual(SHARE_CELLS);
    helpersAhead(10_000_000);
    const helper = runningHelper()!;
    await once(helper, 'message'); // ready
    const parts = await tableToCsvParts(big);
    expect(parts).toHaveLength(2);
    expect(joined(parts).equals(Buffer.from(tableToCsvBytes(big)))).toBe(true);
    // A table whose values cannot be sent to a thread is written here, whole.
    const odd = big.assign({ title: Array.from({ length: rows }, () => ({ toString: () => 'x' })) });
    expect(await tableToCsvParts(odd)).toHaveLength(1);
  }, 30_000);
});
