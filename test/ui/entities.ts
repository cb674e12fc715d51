import type { CompressedState } from '../../hub/protocol/compressed-state.ts';

export const state = (s: string, a: Record<string, unknown> = {}): CompressedState => ({
  s,
  a,
  c: '01J0000000000000000000000',
  lc: 1_700_000_000,
});

export const kitchenLight = state('on', {
  friendly_name: 'Kitchen light',
  brightness: 200,
  supported_color_modes: ['brightness'],
  color_mode: 'brightness',
});
export const fanSwitch = state('off', { friendly_name: 'Fan' });
export const hallTemperature = state('21.4', {
  friendly_name: 'Hall temperature',
  unit_of_measurement: '°C',
  device_class: 'temperature',
});
export const porchLight = state('unavailable', { friendly_name: 'Porch light' });
