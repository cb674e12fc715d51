import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/bench/', import.meta.url));

/** What the figures came from: they mean little without it. */
export interface Machine {
  cores: number;
  cpu: string;
  memoryMb: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** `os.loadavg()`, 1, 5 and 15 minutes, to two decimals. */
export function load(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return [round2(one), round2(five), round2(fifteen)];
}

const round2 = (value: number): number => Number(value.toFixed(2));

interface Figure {
  name: string;
  text: string;
  data: unknown;
  /** 1-minute load average when the figure was taken. */
  load1: number;
  at: string;
}

/**
 * One scenario's output: each figure is printed as it is measured, with the load average of that
 * moment beside it (the machine is shared; a figure taken under load says so), and everything is
 * written to `test/artifacts/bench/<scenario>.json` at the end.
 */
export class BenchReport {
  private readonly figures: Figure[] = [];
  private readonly notes: string[] = [];
  private readonly started = new Date();
  private readonly loadAtStart = load();

  constructor(readonly scenario: string) {}

  /** A measured figure: `text` for people, `data` for the JSON file. */
  figure(name: string, text: string, data: unknown): void {
    const load1 = load()[0];
    this.figures.push({ name, text, data, load1, at: new Date().toISOString() });
    console.log(`  ${name}: ${text}   [load ${load1}]`);
  }

  /** Something the reader must know about the run (a tool missing, a target missed). */
  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  /** Writes the JSON file; returns its path. */
  save(): string {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = `${ARTIFACTS_DIR}${this.scenario}.json`;
    const result = {
      scenario: this.scenario,
      started: this.started.toISOString(),
      finished: new Date().toISOString(),
      machine: machine(),
      load: { start: this.loadAtStart, end: load() },
      figures: Object.fromEntries(this.figures.map(({ name, ...rest }) => [name, rest])),
      notes: this.notes,
    };
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return file;
  }
}
