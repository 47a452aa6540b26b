/**
 * An output the system will not let content-pulse write: an OutputError naming the path asked for
 * and what is wrong, no temporary file left, what was there before kept; the CLI says it in one line.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.ts';
import { replaceFolder } from '../../src/io/replace-folder.ts';
import { writeFileAtomic, writeFileAtomicStream } from '../../src/io/write-atomic.ts';
import { runPulse } from '../helpers/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'pulse-test-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// A file where the output's folder should be.
const inTheWay = join(work, 'a-file');
writeFileSync(inTheWay, 'kept\n');

describe('an output that cannot be written', () => {
  it('throws an OutputError naming the target, for a file, a streamed file and a folder', async () => {
    const attempts: [string, () => unknown][] = [
      [join(inTheWay, 'tags.csv'), () => writeFileAtomic(join(inTheWay, 'tags.csv'), 'tag\n')],
      [join(inTheWay, 'big.arrow'), () => writeFileAtomicStream(join(inTheWay, 'big.arrow'), (write) => write(new Uint8Array(8)))],
      [join(inTheWay, 'report'), () => replaceFolder(join(inTheWay, 'report'), new Map([['index.html', '<p>x</p>']]))],
    ];
    for (const [target, attempt] of attempts) {
      const error = await (async () => attempt())().then(() => undefined, (thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OutputError);
      expect((error as OutputError).message).toBe(`cannot write ${target}: a file or folder is in the way (choose another output path, or check that folder's permissions and free space)`);
    }
    expect(readdirSync(work)).toEqual(['a-file']);
    expect(readFileSync(inTheWay, 'utf8')).toBe('kept\n');
  });

  it('leaves a failure of what is being written as it is', () => {
    expect(() => writeFileAtomicStream(join(work, 'x.csv'), () => { throw new TypeError('bad cell'); })).toThrow(TypeError);
    expect(readdirSync(work)).toEqual(['a-file']);
  });

  it('leaves Node\'s own argument errors as they are: no system call refused the write', () => {
    const notBytes = (write: (bytes: Uint8Array) => void) => write({ length: 1 } as unknown as Uint8Array);
    expect(() => writeFileAtomicStream(join(work, 'y.csv'), notBytes)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => writeFileAtomicStream(join(work, 'y.csv'), notBytes)).not.toThrow(OutputError);
    expect(readdirSync(work)).toEqual(['a-file']);
  });

  it('is said in one line by the CLI, exit 1, nothing written', () => {
    const archive = resolve(import.meta.dirname, '../../data/sample');
    const run = runPulse(['tags', archive, '--no-cache', '--min-count', '3', '--out', join(inTheWay, 'tags.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`pulse: cannot write ${join(inTheWay, 'tags.csv')}: a file or folder is in the way`);
    expect(run.stderr).not.toContain('unexpected error');
    expect(readdirSync(work)).toEqual(['a-file']);
  }, 60_000);
});
