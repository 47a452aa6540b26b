/** One-line notices the commands print on stderr. */

/** Told when another run is swapping the same output folder in and this one waits for it. */
export function waitNotice(folder: string): (pid: number) => void {
  return (pid) => process.stderr.write(`pulse: another run (pid ${pid}) is writing ${folder}; waiting for it to finish\n`);
}
