/**
 * An NDJSON file read into the byte scanner (ndjson-scan.ts): whole, or in chunks that several
 * threads claim (pool/ndjson-split.ts), each chunk the lines that start in its byte range. The
 * file is read a few MB at a time into one reused buffer: a large export never exists in memory
 * whole.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { reasons } from '../../errors.ts';
import { NdjsonScanner, type ScannedNdjson, takeEveryScannerBranch } from './ndjson-scan.ts';
import { textProblem } from './text-check.ts';

/** Bytes read at a time; a longer line grows the buffer. */
const READ_BYTES = 8 << 20;
/**
 * From this size a file's scan (~25 ms a MB) outlasts the scanner's warm-up on made-up lines
 * (takeEveryScannerBranch, ~8 ms once per thread), and gains from it.
 */
const TAKE_EVERY_BRANCH_FROM = 4 << 20;
/** Bytes read at a time past a range's end, for the rest of its last line. */
const TAIL_BYTES = 64 << 10;

/** The lines of ranges of one NDJSON file, scanned into one batch through one reused buffer. */
class NdjsonRangeReader {
  readonly scanner: NdjsonScanner;
  // A Buffer, not a plain Uint8Array: its indexOf is memchr, several times faster at finding
  // line ends than TypedArray#indexOf.
  private buf = Buffer.allocUnsafe(READ_BYTES);

  /** Rows are reserved for the whole file, whatever part of it this reader scans (virtual until written). */
  constructor(path: string, private readonly fd: number) {
    const info = fstatSync(fd);
    if (info.size >= TAKE_EVERY_BRANCH_FROM) takeEveryScannerBranch();
    this.scanner = new NdjsonScanner(path, info.size, { path, size: info.size, mtimeMs: info.mtimeMs });
    this.scanner.readFrom(this.buf);
  }

  /**
   * Scans the lines that start in [start, end), numbering them from 1: a line starts at
   * `start` when the byte before it ends a line (or start is 0), else the range begins after the
   * next line end. Reads up to `end`, and past it only for the rest of the range's last line.
   * @returns the lines seen (blank ones included), and why the file is not UTF-8 text, if it is not
   */
  scan(start: number, end: number): { lines: number; problem: string | null } {
    let buf = this.buf;
    let lineNo = 1;
    let filled = 0; // bytes in buf
    let bufStart = start > 0 ? start - 1 : 0; // file offset of buf[0]: the byte before the range tells where its first line starts
    let eof = false;
    const fill = (): void => {
      if (filled === buf.length) {
        const next = Buffer.allocUnsafe(buf.length * 2); // a line longer than the buffer
        next.set(buf);
        this.buf = buf = next;
        this.scanner.readFrom(buf);
      }
      const at = bufStart + filled;
      const read = readSync(this.fd, buf, filled, Math.min(buf.length - filled, at < end ? end - at : TAIL_BYTES), at);
      if (read === 0) eof = true;
      filled += read;
    };
    fill();
    if (start === 0 && filled === 0) return { lines: 0, problem: reasons.emptyFile };
    let p = 0;
    if (start === 0) {
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3; // a byte order mark
    } else {
      // The range's first line starts after the first line end from the byte before it; none
      // before its end: no line starts in it (it lies inside a longer line).
      for (;;) {
        const nl = buf.indexOf(0x0a);
        if (nl >= 0 && nl < filled) {
          p = nl + 1;
          break;
        }
        if (eof || bufStart + filled >= end) return { lines: 0, problem: null };
        bufStart += filled;
        filled = 0;
        fill();
      }
    }
    // Text checks, as for any text file, one complete line region at a time, from the range's
    // first line (the bytes before it are the previous range's).
    let checkedTo = p;
    const check = (): string | null => {
      const to = eof ? filled : buf.lastIndexOf(0x0a, filled - 1) + 1;
      if (to <= checkedTo) return null;
      const problem = textProblem(buf.subarray(checkedTo, to), eof && bufStart + checkedTo > 0);
      checkedTo = to;
      return problem;
    };
    let problem = check();
    /** Moves the partial line at p to the front and reads more. */
    const readMore = (): void => {
      buf.copyWithin(0, p, filled);
      bufStart += p;
      filled -= p;
      checkedTo -= p;
      p = 0;
      fill();
      problem = check();
    };
    while (bufStart + p < end && problem === null) {
      let nl = buf.indexOf(0x0a, p);
      if (nl >= filled) nl = -1;
      if (nl < 0 && !eof) {
        readMore();
        continue;
      }
      const lineEnd = nl < 0 ? filled : nl;
      if (nl < 0 && lineEnd === p) break;
      this.scanner.bufStart = bufStart;
      this.scanner.line(buf, p, lineEnd, lineNo++);
      if (nl < 0) break;
      p = nl + 1;
    }
    return { lines: lineNo - 1, problem };
  }
}

/** Runs `use` with a reader of the file, closing the file after. */
function withReader<T>(path: string, use: (reader: NdjsonRangeReader) => T): T {
  const fd = openSync(path, 'r');
  try {
    return use(new NdjsonRangeReader(path, fd));
  } finally {
    closeSync(fd);
  }
}

/** Scans a whole NDJSON file into one batch. */
export function scanNdjsonFile(path: string): ScannedNdjson {
  return withReader(path, (reader) => {
    const { lines, problem } = reader.scan(0, Infinity);
    return problem === null ? reader.scanner.done(lines) : { ...reader.scanner.done(lines), problem };
  });
}

/** One chunk of a file as scanChunks scanned it: where its rows, rejects and warnings are in the thread's result. */
export interface ScannedChunk {
  chunk: number;
  /** Its rows in the batch: firstRow..firstRow+rows-1. */
  firstRow: number;
  rows: number;
  /** Lines that start in it, blank ones included. */
  lines: number;
  /** Its rejects and warnings in the result's lists, lines numbered from 1 at the chunk's first. */
  firstReject: number;
  rejects: number;
  firstWarning: number;
  warnings: number;
}

export interface ScannedChunks extends ScannedNdjson {
  chunks: ScannedChunk[];
}

/** Where chunk `chunk` of `chunks` begins in a file of `size` bytes (its lines are those starting from there to the next chunk's beginning). */
function chunkStart(chunk: number, chunks: number, size: number): number {
  return Math.floor((size * chunk) / chunks);
}

/**
 * Scans the chunks `claim` hands out, until it returns -1, into one batch, in the order claimed.
 * A chunk whose text is not UTF-8 stops the scan (the result's `problem`) and calls `stop`, so the
 * other threads stop claiming too.
 * @param size the file's size the chunks were cut from (chunkStart)
 */
export function scanNdjsonChunks(path: string, size: number, chunks: number, claim: () => number, stop: () => void): ScannedChunks {
  return withReader(path, (reader) => {
    const scanned: ScannedChunk[] = [];
    const { rejects, warnings } = reader.scanner.collected;
    let lines = 0;
    for (let chunk = claim(); chunk >= 0; chunk = claim()) {
      const before = { firstRow: reader.scanner.builder.n, firstReject: rejects.length, firstWarning: warnings.length };
      const { lines: chunkLines, problem } = reader.scan(chunkStart(chunk, chunks, size), chunkStart(chunk + 1, chunks, size));
      lines += chunkLines;
      if (problem !== null) {
        stop();
        return { ...reader.scanner.done(lines), problem, chunks: scanned };
      }
      scanned.push({
        chunk, lines: chunkLines, ...before,
        rows: reader.scanner.builder.n - before.firstRow, rejects: rejects.length - before.firstReject, warnings: warnings.length - before.firstWarning,
      });
    }
    return { ...reader.scanner.done(lines), chunks: scanned };
  });
}
