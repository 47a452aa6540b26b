import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { tableToCsvBytes } from '../../src/export/csv.ts';
import { csvPartsOf } from '../../src/cli/table-output.ts';

describe('csvPartsOf', () => {
  it('makes a table\'s CSV once, for stdout and a file alike, and each table its own', async () => {
    const board = table({ tag: ['AI', '运营', '=1+1'], count: [3, 2, 1] });
    const parts = await csvPartsOf(board);
    expect(Buffer.concat(parts).equals(Buffer.from(tableToCsvBytes(board)))).toBe(true);
    expect(await csvPartsOf(board)).toBe(parts);
    const other = board.filter((d: { count: number }) => d.count > 1);
    expect(Buffer.concat(await csvPartsOf(other)).toString()).toBe('tag,count\nAI,3\n运营,2\n');
  });
});
