import { describeLive, startBenchHub } from '../bench-hub.ts';
import type { Scenario } from '../bench-scenario.ts';
import { startMosquitto } from '../start-mosquitto.ts';
import { measureToggles } from '../toggle-measurement.ts';

/** Scenario 2: the same round trip with Debian's Mosquitto as the hub's external broker. */
export const toggleMosquitto: Scenario = {
  name: 'toggle-mosquitto',
  title: 'toggle round trip, Mosquitto as external broker (--mqtt-url): 1,000 devices, 50 panels',
  async run(report, options) {
    const mosquitto = await startMosquitto();
    try {
      const bench = await startBenchHub({
        devices: options.quick ? 200 : 1000,
        mqttUrl: mosquitto.url,
        profile: options.profile,
      });
      try {
        report.figure('setup', describeLive(bench.entities, bench.liveAfterMs, bench.unknown), {
          devices: bench.devices.length,
          entities: bench.entities,
          liveAfterMs: Math.round(bench.liveAfterMs),
          unknown: bench.unknown,
        });
        await measureToggles(bench, report, {
          label: 'toggle (mosquitto)',
          panels: 50,
          warmup: options.quick ? 100 : 500,
          toggles: options.quick ? 500 : 5000,
        });
      } finally {
        await bench.stop();
      }
    } finally {
      await mosquitto.stop();
    }
  },
};
