import { MAX_LINE_BYTES } from '../../hub/protocol/serial-line.ts';

/**
 * Bytes to lines. A line longer than `MAX_LINE_BYTES` is dropped up to its newline and reported
 * once as `tooLong`, so a stream of garbage without newlines cannot grow the buffer.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #discarding = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: () => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      this.#append(chunk.subarray(start, newline));
      const line = Buffer.concat(this.#pending).toString('utf8');
      const discarded = this.#discarding;
      this.#reset();
      if (!discarded && line.trim() !== '') this.onLine(line);
      start = newline + 1;
    }
    this.#append(chunk.subarray(start));
  }

  /** Forgets a partial line: the port closed, and what comes next starts afresh. */
  reset(): void {
    this.#reset();
  }

  #append(part: Buffer): void {
    if (this.#discarding || part.length === 0) return;
    if (this.#pendingBytes + part.length > MAX_LINE_BYTES) {
      this.#reset();
      this.#discarding = true;
      this.onTooLong();
      return;
    }
    this.#pending.push(part);
    this.#pendingBytes += part.length;
  }

  #reset(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#discarding = false;
  }
}
