/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressOutput {
  write(text: string): unknown;
  /** A terminal gets a bar redrawn in place; a pipe or a log file gets a line at the start and at the end. */
  readonly isTTY?: boolean;
}

export interface ProgressBar {
  /** Bytes done so far, of the total given at the start. */
  update(done: number): void;
  /** The last word, on the bar's line: `done`, or what went wrong. */
  finish(word: string): void;
}

const WIDTH = 30;
const REDRAW_EVERY_MS = 100;

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** A download bar: `label [#######.......]  41%  21.6/52.6 MB`. */
export function createProgressBar(
  output: ProgressOutput,
  label: string,
  total: number,
  now: () => number = Date.now,
): ProgressBar {
  let done = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const line = () => {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * WIDTH);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${percent}  ${megabytes(done)}/${megabytes(total)} MB`;
  };
  if (output.isTTY) output.write(line());
  else output.write(`${label} (${megabytes(total)} MB)…\n`);
  return {
    update(bytes) {
      done = bytes;
      if (!output.isTTY || now() - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now();
      output.write(`\r${line()}`);
    },
    finish(word) {
      if (output.isTTY) output.write(`\r${line()}  ${word}\n`);
      else output.write(`${label}: ${word}\n`);
    },
  };
}
