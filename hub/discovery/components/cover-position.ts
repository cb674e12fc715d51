import { roundHalfEven } from '../../template/template-numbers.ts';
import { pythonFloorDiv } from './python-number.ts';

/**
 * Home Assistant's scaling between a cover's 0..100 and the device's own range
 * (homeassistant/util/percentage.py and scaling.py, as mqtt/cover.py uses them). The MQTT cover's
 * ranges are `(position_closed + 1, position_open)` and `(tilt_min + 1, tilt_max)`; an inverted
 * device (`position_open: 0`, `position_closed: 100`) gives a descending range, which the same
 * arithmetic handles.
 */
export type ScaleRange = readonly [low: number, high: number];

const statesInRange = ([low, high]: ScaleRange): number => high - low + 1;

/** `ranged_value_to_percentage`: a device value to an int percentage, not clamped. */
export function rangedValueToPercentage(range: ScaleRange, value: number): number {
  const offset = range[0] - 1;
  return Math.trunc(pythonFloorDiv((value - offset) * 100, statesInRange(range)));
}

/** `percentage_to_ranged_value`: a percentage to a (fractional) device value. */
export function percentageToRangedValue(range: ScaleRange, percentage: number): number {
  return (percentage * statesInRange(range)) / 100 + (range[0] - 1);
}

/** What the cover publishes for a percentage: `round()` of the ranged value, ties to even. */
export function percentageToDeviceValue(range: ScaleRange, percentage: number): number {
  return roundHalfEven(percentageToRangedValue(range, percentage), 0);
}
