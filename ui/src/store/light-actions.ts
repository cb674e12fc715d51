import type { ActionContext } from './action-context.ts';
import { clamp, runService } from './action-context.ts';

export interface LightActions {
  /** 1–255; Home Assistant's brightness 0 turns a light off, so the floor is 1. */
  setBrightness(entityId: string, brightness: number): void;
  /** Hue 0–360°, saturation 0–100 %: `light.turn_on` with `hs_color`, whatever the light's colour mode. */
  setLightColor(entityId: string, hue: number, saturation: number): void;
  /** `light.turn_on` with `color_temp_kelvin`. */
  setColorTemp(entityId: string, kelvin: number): void;
}

export function createLightActions(context: ActionContext): LightActions {
  return {
    setBrightness(entityId, value) {
      const brightness = clamp(Math.round(value), 1, 255);
      runService(context, entityId, 'turn_on', { brightness }, { state: 'on', attributes: { brightness } });
    },
    setLightColor(entityId, hue, saturation) {
      const hs_color = [clamp(Math.round(hue), 0, 360), clamp(Math.round(saturation), 0, 100)];
      runService(
        context,
        entityId,
        'turn_on',
        { hs_color },
        { state: 'on', attributes: { hs_color, color_mode: 'hs' } },
      );
    },
    setColorTemp(entityId, value) {
      const color_temp_kelvin = Math.round(value);
      runService(
        context,
        entityId,
        'turn_on',
        { color_temp_kelvin },
        { state: 'on', attributes: { color_temp_kelvin, color_mode: 'color_temp' } },
      );
    },
  };
}
