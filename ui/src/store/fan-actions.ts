import type { ActionContext } from './action-context.ts';
import { clamp, runService } from './action-context.ts';

/** `FanEntityFeature` (https://developers.home-assistant.io/docs/core/entity/fan#supported-features). */
export const FanFeature = {
  SET_SPEED: 1,
  OSCILLATE: 2,
  DIRECTION: 4,
  PRESET_MODE: 8,
} as const;

export interface FanActions {
  /** 0..100 %: `fan.set_percentage`; 0 turns the fan off, as in Home Assistant. */
  setFanPercentage(entityId: string, percentage: number): void;
  setFanPreset(entityId: string, preset: string): void;
  setFanOscillating(entityId: string, oscillating: boolean): void;
  setFanDirection(entityId: string, direction: 'forward' | 'reverse'): void;
}

export function createFanActions(context: ActionContext): FanActions {
  return {
    setFanPercentage(entityId, value) {
      const percentage = clamp(Math.round(value), 0, 100);
      runService(
        context,
        entityId,
        'set_percentage',
        { percentage },
        { state: percentage > 0 ? 'on' : 'off', attributes: { percentage } },
      );
    },
    setFanPreset(entityId, preset_mode) {
      // Home Assistant turns the fan on with the preset; a manual speed ends it.
      runService(
        context,
        entityId,
        'set_preset_mode',
        { preset_mode },
        { state: 'on', attributes: { preset_mode } },
      );
    },
    setFanOscillating(entityId, oscillating) {
      runService(context, entityId, 'oscillate', { oscillating }, { attributes: { oscillating } });
    },
    setFanDirection(entityId, direction) {
      runService(context, entityId, 'set_direction', { direction }, { attributes: { direction } });
    },
  };
}
