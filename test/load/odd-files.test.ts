/**
 * Only regular files are read: a FIFO (named or inside a folder), a socket, a link to a device
 * are skipped with their kind and counted, never read (no hang, no gigabytes of /dev/zero); an
 * unreadable folder is reported and counted by --strict; control characters in file names and
 * data are printed escaped. With and without the native helper.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/load/load-articles.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { canRunPulseAs, runPulse } from '../helpers/run-cli.ts';
import { setEnv } from '../helpers/env.ts';

// The unprivileged user the permission test runs pulse as.
const NOBODY = 65534;

describe('files that are not regular files', () => {
  let root: string;
  let server: Server;
  beforeAll(async () => {
    root = writeTree({
      'pd/2024/01/1.md': newestLayout({ original: '[View](https://www.woshipm.com/pd/1.html)' }),
      'pd/2024/01/2.md': newestLayout({ original: '[View](https://www.woshipm.com/pd/2.html)' }),
      'more/3.md': newestLayout({ original: '[View](https://www.woshipm.com/pd/3.html)' }),
      'pd/2024/01/bad\n\u001b[31mname.md': 'not an article',
    });
    execFileSync('mkfifo', [join(root, 'pd', 'pipe.md')]);
    symlinkSync('/dev/zero', join(root, 'pd', 'zero.md'));
    server = createServer();
    await new Promise<void>((done) => server.listen(join(root, 'pd', 'socket.md'), done));
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(root, { recursive: true, force: true });
  });

  it.each([['1'], ['0']])('skips and counts a FIFO, a socket and a link to /dev/zero (PULSE_NATIVE=%s), and never reads them', async (native) => {
    const restoreNative = setEnv('PULSE_NATIVE', native);
    try {
      const result = await loadArticles([root, join(root, 'pd', 'pipe.md')]);
      expect(result.stats.loaded).toBe(3);
      const skipped = Object.fromEntries(result.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
      expect(skipped).toEqual({
        'pd/pipe.md': 'not a regular file: a FIFO (named pipe), never read',
        'pd/socket.md': 'not a regular file: a socket, never read',
        'pd/zero.md': 'not a regular file: a device, never read',
      });
      expect(result.stats.filesSeen).toBe(result.stats.loaded + result.stats.rejected + result.stats.skipped + result.stats.duplicates);
    } finally {
      restoreNative();
    }
  });

  it('prints file names with control characters escaped, and a FIFO named on the command line does not hang', () => {
    const run = runPulse(['load', join(root, 'pd', 'pipe.md'), root, '--no-cache']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('bad\\n\\x1b[31mname.md:1: rejected: ');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stdout).toMatch(/skipped +3 \(1 not a regular file: a FIFO/);
  });

  it.skipIf(!canRunPulseAs(NOBODY))('reports an unreadable folder on stderr and in the accounting, and --strict counts it (as a user without access)', () => {
    // The user needs a way into the run's temporary folder, and a temporary folder of its own (tsx's cache).
    chmodSync(process.env.TMPDIR!, 0o711);
    const tmp = writeTree({});
    execFileSync('chown', [`${NOBODY}:${NOBODY}`, tmp]);
    const tree = writeTree({ 'ok/1.md': newestLayout({ original: '[View](https://www.woshipm.com/pd/1.html)' }), 'closed/2.md': newestLayout({ original: '[View](https://www.woshipm.com/pd/2.html)' }) });
    try {
      execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, tree]);
      chmodSync(join(tree, 'closed'), 0o000);
      for (const native of ['1', '0']) {
        const run = runPulse(['load', tree, '--no-cache', '--strict'], tmp, { PULSE_NATIVE: native, TMPDIR: tmp }, NOBODY);
        expect(run.stderr, `native ${native}`).toContain(`${join(tree, 'closed')}: skipped: unreadable folder`);
        expect(run.stdout).toMatch(/skipped +1 \(1 unreadable folder/);
        expect(run.code).toBe(1);
      }
    } finally {
      chmodSync(join(tree, 'closed'), 0o755);
      rmSync(tree, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
