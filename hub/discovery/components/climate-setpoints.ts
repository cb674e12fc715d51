import type { ClimateValues } from './climate-model.ts';

/**
 * MqttClimate's setpoint parking (Home Assistant 2025+): a device whose modes include heat_cool
 * and heat or cool uses either one setpoint or a range, never both. When one kind becomes active
 * the other is parked (shown as unknown), and restored when an optimistic mode change brings it
 * back, since the device is expected to remember it.
 */
export class ClimateSetpoints {
  private parkedTarget: number | null = null;
  private parkedRange: [low: number | null, high: number | null] = [null, null];

  constructor(private readonly enabled: boolean) {}

  /** A single setpoint became active: park the range. */
  parkRange(values: ClimateValues): void {
    const { targetTemperatureLow: low, targetTemperatureHigh: high } = values;
    if (!this.enabled || (low === null && high === null)) return;
    this.parkedRange = [low, high];
    values.targetTemperatureLow = null;
    values.targetTemperatureHigh = null;
  }

  /** A range became active: park the single setpoint. */
  parkSingle(values: ClimateValues): void {
    if (!this.enabled || values.targetTemperature === null) return;
    this.parkedTarget = values.targetTemperature;
    values.targetTemperature = null;
  }

  /**
   * MqttClimate._swap_setpoints, after an optimistic mode change: heat_cool uses the range, heat
   * and cool the single setpoint. Only setpoints that are themselves optimistic are swapped.
   */
  swap(values: ClimateValues, mode: string, optimistic: { single: boolean; range: boolean }): void {
    if (!this.enabled || !['cool', 'heat', 'heat_cool'].includes(mode)) return;
    const usesRange = mode === 'heat_cool';
    if (optimistic.single) {
      if (usesRange) this.parkSingle(values);
      else if (values.targetTemperature === null) values.targetTemperature = this.parkedTarget;
    }
    if (optimistic.range) {
      if (!usesRange) this.parkRange(values);
      else if (values.targetTemperatureLow === null && values.targetTemperatureHigh === null)
        [values.targetTemperatureLow, values.targetTemperatureHigh] = this.parkedRange;
    }
  }
}
