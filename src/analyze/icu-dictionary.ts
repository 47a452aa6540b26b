/**
 * The Chinese and Japanese word dictionary of the ICU that runs this process, read from Node's
 * own executable: the `brkitr/cjdict.dict` item of ICU's common data package, a UCharsTrie of
 * words and their costs. With it, cjk-words.ts finds the same word breaks as Intl.Segmenter
 * without Intl.Segmenter's cost per segment (~1 µs each, ~15 µs a title).
 *
 * Node's official builds hold ICU's full data in the executable. A Node built against the system's
 * ICU, or with a small ICU, holds none; then there is no dictionary and titles are segmented by
 * Intl.Segmenter alone.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

const COMMON_DATA = Buffer.from('CmnD');
const DICTIONARY_ITEM = '/brkitr/cjdict.dict';
const SCAN_BLOCK = 4 << 20;
// A UCharsTrie with values (ICU's DictionaryData: TRIE_TYPE_UCHARS | TRIE_HAS_VALUES), no transform.
const UCHARS_TRIE_WITH_VALUES = 9;
// Sanity bounds: the package's table of contents and the trie (~2 MB in ICU 78).
const MAX_ITEMS = 100_000;
const MAX_NAMES_BYTES = 16 << 20;
const MAX_TRIE_BYTES = 64 << 20;

let read: Uint16Array | null | undefined;

/**
 * The running ICU's CJK word dictionary as UCharsTrie units in shared memory (worker threads get
 * it without a copy), read once per process (~35 ms: the executable is searched for ICU's data),
 * or undefined where the executable holds none.
 * @example const trie = icuWordDictionary(); if (trie) split = cjkWordSplitter(trie)
 */
export function icuWordDictionary(): Uint16Array | undefined {
  if (read === undefined) {
    try {
      read = endianness() === 'LE' ? readDictionary(process.execPath) ?? null : null;
    } catch {
      read = null; // unreadable executable: Intl.Segmenter alone
    }
  }
  return read ?? undefined;
}

/** The dictionary trie in an executable holding ICU's common data, or undefined. */
function readDictionary(executable: string): Uint16Array | undefined {
  const file = openSync(executable, 'r');
  try {
    const at = (position: number, length: number) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, readSync(file, bytes, 0, length, position));
    };
    const header = commonDataHeader(file);
    if (header === undefined) return undefined;
    // The package: its header, then the table of contents (item count, then name and data
    // offsets per item, from the table's start), then the names.
    const headerSize = at(header, 2).readUInt16LE(0);
    const table = header + headerSize;
    const count = at(table, 4).readUInt32LE(0);
    if (count === 0 || count > MAX_ITEMS) return undefined;
    const entries = at(table + 4, count * 8);
    // The names lie between the table and the first item's data.
    const namesLength = entries.readUInt32LE(4) - entries.readUInt32LE(0);
    if (namesLength <= 0 || namesLength > MAX_NAMES_BYTES) return undefined;
    const names = at(table + entries.readUInt32LE(0), namesLength);
    const nameAt = (k: number) => {
      const start = entries.readUInt32LE(8 * k) - entries.readUInt32LE(0);
      return names.toString('latin1', start, names.indexOf(0, start));
    };
    let item = -1;
    for (let k = 0; k < count && item < 0; k++) if (nameAt(k).endsWith(DICTIONARY_ITEM)) item = k;
    if (item < 0) return undefined;
    // The item: its own header ("Dict"), then eight indexes: the trie's offset, …, the total size, the trie's type.
    const start = table + entries.readUInt32LE(8 * item + 4);
    const itemHeader = at(start, 16);
    if (itemHeader[2] !== 0xda || itemHeader[3] !== 0x27 || itemHeader.toString('latin1', 12, 16) !== 'Dict') return undefined;
    const data = start + itemHeader.readUInt16LE(0);
    const indexes = at(data, 32);
    const [trieOffset, , , totalSize, trieType, transform] = [0, 1, 2, 3, 4, 5].map((i) => indexes.readInt32LE(4 * i));
    const bytes = totalSize! - trieOffset!;
    if (trieType !== UCHARS_TRIE_WITH_VALUES || transform !== 0 || bytes <= 0 || bytes > MAX_TRIE_BYTES || bytes % 2) return undefined;
    const trie = new Uint16Array(new SharedArrayBuffer(bytes));
    if (readSync(file, trie, 0, bytes, data + trieOffset!) !== bytes) return undefined;
    return trie;
  } finally {
    closeSync(file);
  }
}

/** Where ICU's common data package starts in an open file (its header: size, 0xda 0x27, …, "CmnD"), or undefined. */
function commonDataHeader(file: number): number | undefined {
  // Blocks overlap by a header's first 16 bytes, so a header across two blocks is found whole in the first.
  const block = Buffer.alloc(SCAN_BLOCK + 16);
  for (let position = 0; ; position += SCAN_BLOCK) {
    const length = readSync(file, block, 0, block.length, position);
    const bytes = block.subarray(0, length);
    for (let i = bytes.indexOf(COMMON_DATA); i >= 0; i = bytes.indexOf(COMMON_DATA, i + 1)) {
      // dataFormat sits 12 bytes into the header, after the magic bytes and UDataInfo's size, flags and character size.
      if (i >= 12 && bytes[i - 10] === 0xda && bytes[i - 9] === 0x27 && bytes[i - 8]! >= 20 && bytes[i - 4] === 0 && bytes[i - 2] === 2) return position + i - 12;
    }
    if (length < block.length) return undefined;
  }
}
