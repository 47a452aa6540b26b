/** Rows of a table written before the rest of its size is guessed (ByteWriter.afterRow). */
const GUESS_AFTER_ROWS = 1000;

/** What a draining writer holds before it hands its bytes on (see ByteWriter's drain). */
const DRAIN_BYTES = 1 << 20;

/**
 * Bytes written in order into a buffer that doubles when full: what the CSV and workbook writers
 * write a large table into, cell by cell, instead of a string per cell (a report's largest
 * tables have millions of cells; their strings cost more in garbage collection than in writing).
 * @example const out = new ByteWriter(); out.ascii('a,'); out.number(12); out.utf8('运营'); out.result()
 */
export class ByteWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  /**
   * @param drain when given, receives the bytes written each time a row ends (afterRow) with
   * DRAIN_BYTES or more of them, and the rest at finish(); the buffer is then written again
   * from its start, so a table of millions of cells is never whole in memory. The bytes it
   * receives are valid during the call only.
   */
  constructor(private readonly drain?: (bytes: Buffer) => void) {}

  /** Bytes written so far. */
  get length(): number {
    return this.at;
  }

  /** Makes room for this many more bytes at least (growing a large buffer by copying costs more than writing it). */
  room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  /**
   * Call after each row of a table: after its 1,000th, makes room for the rest at once, guessed
   * from the bytes so far, instead of doubling the buffer as it fills (each doubling copies
   * everything written into fresh memory). The guess has a wide margin (later rows have longer
   * row numbers and ids): room never written costs address space, not memory.
   * @param row the row just written, from 0
   * @param rows the table's rows
   */
  afterRow(row: number, rows: number): void {
    if (this.drain) {
      if (this.at >= DRAIN_BYTES) this.finish();
    } else if (row === GUESS_AFTER_ROWS) this.room(Math.ceil((this.at / (row + 1)) * (rows - row - 1) * 1.25));
  }

  /** One byte (an ASCII character's code). */
  byte(code: number): void {
    this.room(1);
    this.buffer[this.at++] = code;
  }

  /** Text of ASCII characters only (markup, a number as JavaScript writes it). */
  ascii(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.buffer[this.at++] = text.charCodeAt(i);
  }

  /** Any text, as UTF-8. */
  utf8(text: string): void {
    this.room(3 * text.length);
    this.at += this.buffer.write(text, this.at, 'utf8');
  }

  /** A number as JavaScript writes it (String(value)); whole numbers without a string. */
  number(value: number): void {
    if (!(Number.isInteger(value) && value >= 0 && value < 1e15)) return this.ascii(String(value));
    let digits = 1;
    for (let power = 10; power <= value; power *= 10) digits++;
    this.room(digits);
    let end = (this.at += digits);
    do {
      this.buffer[--end] = 48 + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
  }

  /** Hands what is written and not yet drained to the drain (a writer made with one). */
  finish(): void {
    if (!this.drain || this.at === 0) return;
    this.drain(this.buffer.subarray(0, this.at));
    this.at = 0;
  }

  /** The bytes written: a view of the buffer (no copy). */
  result(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}
