/** What a step counts: bytes are shown in kB/MB/GB, pages (SQLite's) as a number. */
export type ProgressUnit = 'bytes' | 'pages';

/** What long work tells about itself; the storage and packing code see only this. */
export interface ProgressSink {
  /** Starts a step of the work; the step before it, if any, is done. */
  step(label: string, options?: { unit?: ProgressUnit; total?: number }): void;
  /** How far the current step is: `done` of `total` (a total may come late, or never). */
  update(done: number, total?: number): void;
}

export interface Progress extends ProgressSink {
  /** Ends the current step and writes the last line, `done in 3.2 s`. */
  finish(): void;
  /** Ends the line where it stands, with `failed`, so that the error printed next starts a line of its own. */
  fail(): void;
  /** Runs the work: `finish()` when it resolves, `fail()` when it throws (and rethrows). */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** Where the lines go: stderr, or a stand-in in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  /** The terminal's width: a line longer than it would wrap, and `\r` would then redraw only its end. */
  readonly columns?: number | undefined;
}

export interface ProgressOptions {
  /** Default process.stderr: stdout stays what scripts read. */
  readonly stream?: ProgressStream;
  /** `--quiet`: nothing is written. */
  readonly quiet?: boolean | undefined;
  /** Milliseconds, monotonic; default performance.now. */
  readonly now?: () => number;
  /** TERM, default process.env.TERM: a `dumb` terminal cannot erase a line, so it gets plain lines. */
  readonly term?: string | undefined;
}

/** A silent sink, for callers (tests, the bridge's own download in a test's setup) that show nothing. */
export const NO_PROGRESS: ProgressSink = { step() {}, update() {} };

// On a terminal: redrawn at most 10 times a second. Off it (CI logs, journald, pipes): a line per
// 10 % but at most one a second, and a line every 10 s when the total is unknown.
const REDRAW_MS = 100;
const LINE_MIN_MS = 1000;
const LINE_UNKNOWN_TOTAL_MS = 10_000;
// A rate or an ETA over less than a second of work is noise.
const RATE_AFTER_MS = 1000;
const ERASE_LINE = '\r\x1b[K';

interface Step {
  readonly label: string;
  readonly unit: ProgressUnit | undefined;
  readonly startedAt: number;
  total: number | undefined;
  done: number;
  /** The last tenth written off a terminal. */
  decile: number;
}

/**
 * The progress of long work (`hearth flash`, `bridge pack`, `backup`, `restore`) on stderr,
 * prefixed by the command (`hearth backup: copying the database   42%  1,024/2,437 pages  812 pages/s  ETA 1.7 s`).
 * On a terminal one line, redrawn in place; anywhere else plain lines at a coarse cadence and never
 * a carriage return, so that a log stays readable.
 */
export function createProgress(prefix: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const quiet = options.quiet === true;
  const live = stream.isTTY === true && (options.term ?? process.env.TERM) !== 'dumb';
  const startedAt = now();
  let current: Step | undefined;
  /** A live line is on the terminal, without its newline. */
  let lineOpen = false;
  let writtenAt = Number.NEGATIVE_INFINITY;

  const write = (text: string) => {
    if (!quiet) stream.write(text);
  };
  const draw = (text: string) => {
    const width = stream.columns ?? 0;
    const fitted = width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
    write(`${ERASE_LINE}${fitted}`);
    lineOpen = true;
    writtenAt = now();
  };
  const line = (text: string) => {
    write(lineOpen ? `${ERASE_LINE}${text}\n` : `${text}\n`);
    lineOpen = false;
    writtenAt = now();
  };

  const endStep = (word: 'done' | 'failed') => {
    const step = current;
    if (!step) return;
    current = undefined;
    if (word === 'done' && step.total !== undefined) step.done = Math.max(step.done, step.total);
    const took = seconds(now() - step.startedAt);
    // On a terminal a finished step is drawn over by the next one, or by the last line.
    if (live) {
      if (word === 'failed') line(`${prefix}: ${describe(step, now(), true)}  failed`);
    } else if (word === 'failed') line(`${prefix}: ${step.label}: failed${at(step)}`);
    else
      line(
        `${prefix}: ${step.label}: done${step.unit ? `, ${quantity(step.done, step.unit)}` : ''} in ${took}`,
      );
  };

  const progress: Progress = {
    step(label, stepOptions = {}) {
      endStep('done');
      current = {
        label,
        unit: stepOptions.unit,
        total: stepOptions.total,
        done: 0,
        decile: 0,
        startedAt: now(),
      };
      if (live) draw(`${prefix}: ${describe(current, now(), false)}`);
      else
        line(
          `${prefix}: ${label}${current.total && current.unit ? ` (${quantity(current.total, current.unit)})` : ''}…`,
        );
    },
    update(done, total) {
      const step = current;
      if (!step) return;
      step.done = done;
      if (total !== undefined) step.total = total;
      const t = now();
      if (live) {
        if (t - writtenAt >= REDRAW_MS) draw(`${prefix}: ${describe(step, t, false)}`);
        return;
      }
      const decile = step.total ? Math.floor((10 * Math.min(done, step.total)) / step.total) : 0;
      const due = step.total
        ? decile > step.decile && decile < 10 && t - writtenAt >= LINE_MIN_MS
        : t - writtenAt >= LINE_UNKNOWN_TOTAL_MS;
      if (!due) return;
      step.decile = decile;
      line(`${prefix}: ${describe(step, t, false)}`);
    },
    finish() {
      endStep('done');
      line(`${prefix}: done in ${seconds(now() - startedAt)}`);
    },
    fail() {
      endStep('failed');
    },
    async run(work) {
      try {
        const result = await work();
        progress.finish();
        return result;
      } catch (error) {
        progress.fail();
        throw error;
      }
    },
  };
  return progress;
}

/** `copying the database   42%  1,024/2,437 pages  812 pages/s  ETA 1.7 s`, what is known of it. */
function describe(step: Step, t: number, failed: boolean): string {
  const parts = [step.label];
  if (!step.unit) return failed ? step.label : `${step.label}…`;
  const elapsed = t - step.startedAt;
  if (step.total) parts.push(`${percent(step)}%`.padStart(4));
  parts.push(amount(step));
  if (elapsed >= RATE_AFTER_MS && step.done > 0 && !failed) {
    const perSecond = (step.done / elapsed) * 1000;
    parts.push(`${quantity(perSecond, step.unit)}/s`);
    if (step.total && step.done < step.total)
      parts.push(`ETA ${seconds(((step.total - step.done) / perSecond) * 1000)}`);
  }
  return parts.join('  ');
}

const percent = (step: Step) =>
  step.total ? Math.floor((100 * Math.min(step.done, step.total)) / step.total) : 0;

/** ` at 42%`, where a failed step stopped, when that is known. */
const at = (step: Step) => (step.total && step.unit ? ` at ${percent(step)}%` : '');

/** `21.6/52.6 MB`, `1,024/2,437 pages`, or the count alone when there is no total. */
function amount(step: Step): string {
  const unit = step.unit ?? 'bytes';
  if (!step.total) return quantity(step.done, unit);
  // A total may be an estimate (a tarball's headers), which is never shown as passed.
  const done = Math.min(step.done, step.total);
  if (unit === 'pages') return `${count(done)}/${count(step.total)} pages`;
  const [scale, name] = byteScale(step.total);
  return `${(done / scale).toFixed(1)}/${(step.total / scale).toFixed(1)} ${name}`;
}

function quantity(value: number, unit: ProgressUnit): string {
  if (unit === 'pages') return `${count(value)} pages`;
  const [scale, name] = byteScale(value);
  return scale === 1 ? `${Math.round(value)} B` : `${(value / scale).toFixed(1)} ${name}`;
}

/** Decimal units, as disks and downloads are sold and measured. */
function byteScale(bytes: number): [number, string] {
  if (bytes >= 1e9) return [1e9, 'GB'];
  if (bytes >= 1e6) return [1e6, 'MB'];
  if (bytes >= 1e3) return [1e3, 'kB'];
  return [1, 'B'];
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');

function seconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const whole = Math.round(ms / 1000);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
