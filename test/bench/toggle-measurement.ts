import type { BenchHub } from './bench-hub.ts';
import { describeLive, startBenchHub } from './bench-hub.ts';
import type { BenchReport } from './bench-report.ts';
import type { BenchOptions } from './bench-scenario.ts';
import { fanoutTail } from './fanout-tail.ts';
import { hubToggler } from './hub-toggler.ts';
import { formatLatency, ratio, summarizeLatencies } from './latency-summary.ts';
import { startPanelSwarm } from './panel-swarm.ts';
import { rawMqttToggler } from './raw-mqtt-toggler.ts';
import { measureSideBySide, shareLights } from './side-by-side.ts';

export interface ToggleMeasurementOptions {
  panels: number;
  warmup: number;
  toggles: number;
  /** Figure names are prefixed with it (`toggle`, `toggle at 10,000 devices`). */
  label: string;
}

/** Lights each toggler toggles in turn: enough that no device is asked twice in a row. */
const LIGHTS = 50;

/**
 * The toggle round trip of DESIGN §7 on a running bench hub: `panels` panels subscribed, hearth's
 * toggle and the raw-MQTT baseline in alternating blocks, one toggle at a time, each started once
 * the hub has fanned the previous change out to every panel (`fanoutTail`); and the figures with
 * the ratio.
 */
export async function measureToggles(
  bench: BenchHub,
  report: BenchReport,
  options: ToggleMeasurementOptions,
): Promise<void> {
  const { hub } = bench;
  const panels = await startPanelSwarm({
    url: hub.wsUrl,
    count: options.panels,
    auth: hub.token,
    coalesce: true,
  });
  const tail = await fanoutTail(hub.wsUrl, hub.token);
  const [hearthLights = [], rawLights = []] = shareLights(
    bench.lights,
    2,
    Math.min(LIGHTS, Math.floor(bench.lights.length / 2)),
  );
  const hearth = await hubToggler(hub.wsUrl, hub.token, { coalesce: true });
  const raw = await rawMqttToggler(bench.mqttUrl, rawLights);
  try {
    await panels.reset();
    const samples = await measureSideBySide(
      [
        { toggler: hearth, lights: hearthLights },
        { toggler: raw, lights: rawLights },
      ],
      { warmup: options.warmup, count: options.toggles, block: 250, settle: () => tail.settle() },
    );
    const hubFigures = summarizeLatencies(samples.get(hearth.name) ?? []);
    const rawFigures = summarizeLatencies(samples.get(raw.name) ?? []);
    report.figure(`${options.label}: hearth`, formatLatency(hubFigures), hubFigures);
    report.figure(`${options.label}: raw MQTT`, formatLatency(rawFigures), rawFigures);
    const ratios = {
      p50: ratio(hubFigures.p50, rawFigures.p50),
      p90: ratio(hubFigures.p90, rawFigures.p90),
      p99: ratio(hubFigures.p99, rawFigures.p99),
    };
    report.figure(
      `${options.label}: hearth / raw`,
      `p50 ${ratios.p50}×, p90 ${ratios.p90}×, p99 ${ratios.p99}× (target ≤ 1.5×; hearth p50 ≤ 1 ms, p99 ≤ 5 ms)`,
      {
        ...ratios,
        targets: { p50: hubFigures.p50 <= 1, p99: hubFigures.p99 <= 5, ratio: ratios.p50 <= 1.5 },
      },
    );
    // Every toggle, hearth's or the baseline's, is a state change each panel must have received.
    // The baseline's last report reaches the panels a moment after the baseline has it.
    const expected = (options.warmup + options.toggles) * 2;
    let { counts } = await panels.stats();
    for (let i = 0; i < 20 && Math.min(...counts) < expected; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ({ counts } = await panels.stats());
    }
    const fewest = Math.min(...counts);
    report.figure(
      `${options.label}: panels`,
      `${counts.length} panels, each received ≥ ${fewest} of ${expected} state changes`,
      { panels: counts.length, fewest, expected },
    );
  } finally {
    await hearth.close();
    await raw.close();
    tail.close();
    await panels.stop();
  }
}

/**
 * Scenarios 1 and 2: a bench hub with 1,000 devices (on `mqttUrl`, else the embedded broker), how
 * long they took to be live, and the toggle round trip with 50 panels.
 */
export async function runToggleScenario(
  report: BenchReport,
  options: BenchOptions,
  scenario: { label: string; mqttUrl?: string },
): Promise<void> {
  const bench = await startBenchHub({
    devices: options.quick ? 200 : 1000,
    profile: options.profile,
    ...(scenario.mqttUrl !== undefined && { mqttUrl: scenario.mqttUrl }),
  });
  try {
    report.figure('setup', describeLive(bench.entities, bench.liveAfterMs, bench.unknown), {
      devices: bench.devices.length,
      entities: bench.entities,
      liveAfterMs: Math.round(bench.liveAfterMs),
      unknown: bench.unknown,
    });
    await measureToggles(bench, report, {
      label: scenario.label,
      panels: 50,
      warmup: options.quick ? 100 : 500,
      toggles: options.quick ? 500 : 5000,
    });
  } finally {
    await bench.stop();
  }
}
