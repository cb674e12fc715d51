import { describeLive, startBenchHub } from '../bench-hub.ts';
import type { Scenario } from '../bench-scenario.ts';
import { measureToggles } from '../toggle-measurement.ts';

/** Scenario 1: the toggle round trip through the embedded broker, 1,000 devices, 50 panels. */
export const toggle: Scenario = {
  name: 'toggle',
  title: 'toggle round trip, embedded broker (aedes): 1,000 devices, 50 panels; hearth / raw MQTT',
  async run(report, options) {
    const bench = await startBenchHub({ devices: options.quick ? 200 : 1000, profile: options.profile });
    try {
      report.figure('setup', describeLive(bench.entities, bench.liveAfterMs, bench.unknown), {
        devices: bench.devices.length,
        entities: bench.entities,
        liveAfterMs: Math.round(bench.liveAfterMs),
        unknown: bench.unknown,
      });
      await measureToggles(bench, report, {
        label: 'toggle',
        panels: 50,
        warmup: options.quick ? 100 : 500,
        toggles: options.quick ? 500 : 5000,
      });
    } finally {
      await bench.stop();
    }
  },
};
