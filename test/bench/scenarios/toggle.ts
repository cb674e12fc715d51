import type { Scenario } from '../bench-scenario.ts';
import { runToggleScenario } from '../toggle-measurement.ts';

/** Scenario 1: the toggle round trip through the embedded broker, 1,000 devices, 50 panels. */
export const toggle: Scenario = {
  name: 'toggle',
  title: 'toggle round trip, embedded broker (aedes): 1,000 devices, 50 panels; hearth / raw MQTT',
  run: (report, options) => runToggleScenario(report, options, { label: 'toggle' }),
};
