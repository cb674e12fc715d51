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

// One entity of each controllable domain, with the attributes Home Assistant sets.
export const lampLight = state('on', {
  friendly_name: 'Floor lamp',
  brightness: 150,
  supported_color_modes: ['color_temp', 'hs'],
  color_mode: 'hs',
  hs_color: [30, 70],
  min_color_temp_kelvin: 2000,
  max_color_temp_kelvin: 6500,
});
export const thermostat = state('heat', {
  friendly_name: 'Thermostat',
  hvac_modes: ['off', 'heat', 'cool', 'auto'],
  min_temp: 7,
  max_temp: 22,
  target_temp_step: 0.5,
  current_temperature: 20.5,
  temperature: 21,
  hvac_action: 'heating',
  preset_modes: ['none', 'eco', 'away'],
  preset_mode: 'none',
  fan_modes: ['auto', 'low', 'high'],
  fan_mode: 'auto',
  supported_features: 1 | 8 | 16,
});
export const blinds = state('open', {
  friendly_name: 'Blinds',
  device_class: 'blind',
  current_position: 60,
  current_tilt_position: 30,
  supported_features: 255,
});
export const frontDoor = state('locked', { friendly_name: 'Front door', supported_features: 1 });
export const ceilingFan = state('on', {
  friendly_name: 'Ceiling fan',
  percentage: 67,
  percentage_step: 100 / 3,
  preset_modes: ['auto', 'sleep'],
  preset_mode: null,
  oscillating: false,
  direction: 'forward',
  supported_features: 63,
});
export const strength = state('3', {
  friendly_name: 'Coffee strength',
  min: 1,
  max: 5,
  step: 1,
  mode: 'slider',
});
export const hoodMode = state('Normal', {
  friendly_name: 'Hood mode',
  options: ['Quiet', 'Normal', 'Boost'],
});
export const doorbellTest = state('2025-01-01T12:00:00.000Z', { friendly_name: 'Doorbell test' });
