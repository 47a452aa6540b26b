/**
 * A progress bar on stderr for loads that take more than about a second, and only when stderr
 * is a terminal (never in pipes, logs or CI).
 */
import cliProgress from 'cli-progress';

/** Returns an onProgress callback and a stop function. */
export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  const onProgress = (done: number, total: number): void => {
    if (!stream.isTTY) return;
    if (bar === null) {
      if (Date.now() - startedAt < 1000 || done >= total) return;
      bar = new cliProgress.SingleBar({ stream, format: `${label} [{bar}] {value}/{total} files`, hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(total, done);
    }
    bar.update(done);
  };
  const stop = (): void => {
    bar?.stop();
  };
  return { onProgress, stop };
}
