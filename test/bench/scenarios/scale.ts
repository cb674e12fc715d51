import { describeLive, memoryOf, startBenchHub } from '../bench-hub.ts';
import type { Scenario } from '../bench-scenario.ts';
import { measureToggles } from '../toggle-measurement.ts';

/**
 * Scenario 4: 10,000 simulated devices connect and announce themselves to one hub; how long until
 * every entity is live, the hub's memory, the toggle round trip at that size, and the same devices
 * coming back after a restart of the simulator (their retained configs already in the broker).
 */
export const scale: Scenario = {
  name: 'scale',
  title: 'scale: 10,000 devices to one hub; time until live, memory, toggle at that size, restart',
  async run(report, options) {
    const devices = options.quick ? 2000 : 10_000;
    const bench = await startBenchHub({ devices, profile: options.profile });
    try {
      const pid = bench.hub.process.child.pid;
      report.figure(
        'live (fresh broker)',
        `${devices} devices: ${describeLive(bench.entities, bench.liveAfterMs, bench.unknown)}`,
        {
          devices,
          entities: bench.entities,
          liveAfterMs: Math.round(bench.liveAfterMs),
          unknown: bench.unknown,
        },
      );
      const fresh = memoryOf(pid);
      report.figure('hub memory', `RSS ${fresh.rssMb} MiB (peak ${fresh.peakRssMb} MiB)`, fresh);
      await measureToggles(bench, report, {
        label: `toggle at ${devices} devices`,
        panels: 50,
        warmup: options.quick ? 100 : 200,
        toggles: options.quick ? 500 : 2000,
      });
      const restart = await bench.restartSim();
      report.figure(
        'live again after a simulator restart',
        `${describeLive(bench.entities, restart.ms, restart.unknown)} (retained configs already in the broker)`,
        { restartMs: Math.round(restart.ms), unknown: restart.unknown },
      );
      const after = memoryOf(pid);
      report.figure(
        'hub memory after restart',
        `RSS ${after.rssMb} MiB (peak ${after.peakRssMb} MiB)`,
        after,
      );
    } finally {
      await bench.stop();
    }
  },
};
