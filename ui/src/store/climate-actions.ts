import type { ActionContext } from './action-context.ts';
import { clamp, runService, serviceCall } from './action-context.ts';
import { numberAttribute, shownView } from './entity-view.ts';
import type { CallHandle } from './pending-calls.ts';

/** Home Assistant's climate defaults (homeassistant/components/climate/const.py), in °C. */
export const DEFAULT_MIN_TEMP = 7;
export const DEFAULT_MAX_TEMP = 35;
/** The step when the entity has no `target_temp_step`: half a degree, as the thermostat card uses. */
export const DEFAULT_TEMP_STEP = 0.5;

export interface ClimateActions {
  /**
   * One press of − (`-1`) or + (`1`): the setpoint moves by `target_temp_step` within
   * `min_temp`..`max_temp` and shows as pending at once; `climate.set_temperature` goes out once
   * the presses stop, so five quick taps are one command to the device, not five.
   */
  stepTemperature(entityId: string, direction: 1 | -1): void;
  setHvacMode(entityId: string, mode: string): void;
  setClimatePreset(entityId: string, preset: string): void;
  setClimateFanMode(entityId: string, fanMode: string): void;
}

export interface ClimateActionOptions {
  /** Quiet time after the last − / + press before the setpoint is sent, in ms. Default 600. */
  setpointDebounceMs?: number;
}

/** Rounds to the step without binary noise: 20.1 + 0.1 is 20.2, not 20.200000000000003. */
function onStep(value: number, step: number): number {
  const decimals = Math.max(0, (String(step).split('.')[1] ?? '').length);
  return Number((Math.round(value / step) * step).toFixed(decimals));
}

export function createClimateActions(
  context: ActionContext,
  options: ClimateActionOptions = {},
): ClimateActions {
  const debounceMs = options.setpointDebounceMs ?? 600;
  const drafts = new Map<string, { handle: CallHandle; timer: ReturnType<typeof setTimeout> }>();

  return {
    stepTemperature(entityId, direction) {
      const slot = context.controllable(entityId);
      if (!slot) return;
      const view = shownView(slot.view.peek(), slot.pending.peek());
      const target = numberAttribute(view, 'temperature');
      if (target === null) return;
      const step = numberAttribute(view, 'target_temp_step') ?? DEFAULT_TEMP_STEP;
      const min = numberAttribute(view, 'min_temp') ?? DEFAULT_MIN_TEMP;
      const max = numberAttribute(view, 'max_temp') ?? DEFAULT_MAX_TEMP;
      const next = clamp(onStep(target + direction * step, step), min, max);
      if (next === target) return;

      const change = { attributes: { temperature: next } };
      const draft = drafts.get(entityId);
      if (draft) clearTimeout(draft.timer);
      const handle =
        draft && context.calls.update(slot, draft.handle, change)
          ? draft.handle
          : context.calls.hold(slot, 'set_temperature', change);
      const timer = setTimeout(() => {
        drafts.delete(entityId);
        context.calls.send(slot, handle, serviceCall(slot, 'set_temperature', { temperature: next }));
      }, debounceMs);
      drafts.set(entityId, { handle, timer });
    },
    setHvacMode(entityId, hvac_mode) {
      // A climate entity's state is its HVAC mode.
      runService(context, entityId, 'set_hvac_mode', { hvac_mode }, { state: hvac_mode });
    },
    setClimatePreset(entityId, preset_mode) {
      runService(context, entityId, 'set_preset_mode', { preset_mode }, { attributes: { preset_mode } });
    },
    setClimateFanMode(entityId, fan_mode) {
      runService(context, entityId, 'set_fan_mode', { fan_mode }, { attributes: { fan_mode } });
    },
  };
}
