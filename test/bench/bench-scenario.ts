import type { BenchReport } from './bench-report.ts';

export interface BenchOptions {
  /** Write CPU profiles of the hub to test/artifacts/bench/profiles/ (`--profile`). */
  profile: boolean;
  /** Scale every count down, for a quick look (`--quick`); not for recorded figures. */
  quick: boolean;
}

export interface Scenario {
  readonly name: string;
  /** One line: what it measures. */
  readonly title: string;
  run(report: BenchReport, options: BenchOptions): Promise<void>;
}
