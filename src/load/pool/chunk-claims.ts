/**
 * Chunks of one file handed out to several threads from both ends of the file through one shared
 * word: the calling thread takes them from the front, the workers from the back, until they meet.
 * A thread that is slower (or starts later) simply takes fewer, so no fixed split has to guess the
 * threads' speeds; and the calling thread's rows stay one run at the start of the file, so its
 * batch heads the table with room behind it for the rest (table/batch-table.ts, hasRoom).
 * Self-contained: worker threads run it too.
 */

/** At most this many chunks (the word holds two 15-bit counts). */
export const MAX_CHUNKS = 0x7fff;

/** The shared word: chunks taken from the front in its low 16 bits, from the back in its high 16. */
export function newClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

function claim(claims: Int32Array, chunks: number, fromBack: boolean): number {
  for (;;) {
    const word = Atomics.load(claims, 0);
    const front = word & 0xffff;
    const back = word >>> 16;
    if (front + back >= chunks) return -1;
    if (Atomics.compareExchange(claims, 0, word, fromBack ? word + 0x10000 : word + 1) === word) return fromBack ? chunks - 1 - back : front;
  }
}

/** The next chunk from the front, or -1 when none is left. */
export function claimFromFront(claims: Int32Array, chunks: number): number {
  return claim(claims, chunks, false);
}

/** The next chunk from the back, or -1 when none is left. */
export function claimFromBack(claims: Int32Array, chunks: number): number {
  return claim(claims, chunks, true);
}

/** Leaves no chunk to claim (a thread found the file unreadable: the others stop after their current chunk). */
export function stopClaims(claims: Int32Array, chunks: number): void {
  Atomics.store(claims, 0, chunks);
}
