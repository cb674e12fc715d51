/**
 * `npm run bench [-- <scenario>…] [--profile] [--quick]`: runs the scenarios of test/bench/ (all
 * by default, in order), prints each figure with the load average beside it, and writes
 * test/artifacts/bench/<scenario>.json. Not part of `npm test`: figures need a machine to
 * themselves, and a benchmark that fails on a busy machine proves nothing.
 */
import { parseArgs } from 'node:util';
import { BenchReport, load, machine } from './bench-report.ts';
import type { BenchOptions, Scenario } from './bench-scenario.ts';
import { fanout } from './scenarios/fanout.ts';
import { panel } from './scenarios/panel.ts';
import { peer } from './scenarios/peer.ts';
import { scale } from './scenarios/scale.ts';
import { toggle } from './scenarios/toggle.ts';
import { toggleMosquitto } from './scenarios/toggle-mosquitto.ts';

const SCENARIOS: readonly Scenario[] = [toggle, toggleMosquitto, fanout, scale, panel, peer];

const USAGE = `Usage: npm run bench -- [scenario…] [--profile] [--quick]

Scenarios (all by default):
${SCENARIOS.map((s) => `  ${s.name.padEnd(18)} ${s.title}`).join('\n')}

  --profile   write CPU profiles of the hub to test/artifacts/bench/profiles/
  --quick     smaller counts, for a look; not for recorded figures
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    profile: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const unknown = positionals.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(`bench: no scenario ${unknown.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const chosen = positionals.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => positionals.includes(s.name));
const options: BenchOptions = { profile: values.profile, quick: values.quick };

const host = machine();
console.log(
  `hearth bench: ${host.cores} cores (${host.cpu}), ${host.memoryMb} MiB, Node ${host.node}, load ${load().join(' ')}`,
);
if (options.quick) console.log('  --quick: smaller counts; do not record these figures');

let failed = false;
for (const scenario of chosen) {
  console.log(`\n${scenario.name}: ${scenario.title}`);
  const report = new BenchReport(scenario.name);
  const [load1] = load();
  if (load1 > host.cores)
    report.note(
      `load ${load1} on ${host.cores} cores: absolute figures are noisy, ratios measured side by side still hold`,
    );
  try {
    await scenario.run(report, options);
  } catch (error) {
    failed = true;
    report.note(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  console.log(`  → ${report.save()}`);
}
process.exit(failed ? 1 : 0);
