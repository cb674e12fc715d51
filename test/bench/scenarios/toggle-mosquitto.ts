import type { Scenario } from '../bench-scenario.ts';
import { startMosquitto } from '../start-mosquitto.ts';
import { runToggleScenario } from '../toggle-measurement.ts';

/** Scenario 2: the same round trip with Debian's Mosquitto as the hub's external broker. */
export const toggleMosquitto: Scenario = {
  name: 'toggle-mosquitto',
  title: 'toggle round trip, Mosquitto as external broker (--mqtt-url): 1,000 devices, 50 panels',
  async run(report, options) {
    const mosquitto = await startMosquitto();
    try {
      await runToggleScenario(report, options, { label: 'toggle (mosquitto)', mqttUrl: mosquitto.url });
    } finally {
      await mosquitto.stop();
    }
  },
};
