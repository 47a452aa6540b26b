/**
 * Memory for the large arrays a load fills: each fresh 4 KiB page costs a page fault when it is
 * first written, and on a virtual machine one costs several µs — writing the columns of a million
 * rows took ~0.3 s of faults. From HUGE_FROM bytes on, the native helper (when built) asks the
 * system to back the array with 2 MiB pages instead (adviseHugePages). The array is the same
 * either way: zeroed, transferable to another thread, and pages never written are never backed.
 */
import { nativeFs } from '../native.ts';

/** Below this many bytes an array spans too few huge pages to matter. */
export const HUGE_FROM = 4 << 20;

type ArrayType<A> = new (length: number) => A;

/**
 * A zeroed typed array of `length` values for a load to fill, backed by huge pages where the
 * helper and the system offer them.
 * @example const views = columnArray(Float64Array, rows)
 */
export function columnArray<A extends Float64Array | Int32Array | Uint8Array>(Type: ArrayType<A>, length: number): A {
  const array = new Type(length);
  if (array.byteLength >= HUGE_FROM) nativeFs()?.adviseHugePages(array.buffer as ArrayBuffer);
  return array;
}
