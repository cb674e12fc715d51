import { z } from 'zod';
import { type CommandResult, describeIssues, stateCommandSchema } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
import { clamp } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

/** Mireds, the range Zigbee2MQTT announces for most white-spectrum bulbs (6500 K … 2000 K). */
export const MIN_MIREDS = 153;
export const MAX_MIREDS = 500;

/** How far a `wrong` fault puts the reported brightness from the requested one. */
export const WRONG_BRIGHTNESS_OFFSET = 40;

export interface HsColor {
  readonly h: number;
  readonly s: number;
}

/** The state payload of Home Assistant's `json` light schema; colour keys only on the colour light. */
export interface LightState {
  readonly state: 'ON' | 'OFF';
  readonly brightness: number;
  readonly color_mode?: 'hs' | 'color_temp';
  readonly color?: HsColor;
  readonly color_temp?: number;
  /** Only on a light with effects. */
  readonly effect?: string;
}

export interface LightSpec extends DeviceSpec {
  /** `true`: supported_color_modes `["color_temp", "hs"]`; `false`: `["brightness"]`. */
  readonly color: boolean;
  /** Effect names (Tasmota's schemes `0`…`4`); none by default. */
  readonly effects?: readonly string[];
  readonly initial?: Partial<LightState>;
}

/**
 * Home Assistant's JSON light command:
 * https://www.home-assistant.io/integrations/light.mqtt/#json-schema
 * Unknown keys (`color_temp_kelvin`, `flash`, …) are ignored, as a bulb without them would.
 */
const lightCommandSchema = z.object({
  state: stateCommandSchema.optional(),
  brightness: z.number().min(0).max(255).optional(),
  color_temp: z.number().positive().optional(),
  color: z.object({ h: z.number().min(0).max(360), s: z.number().min(0).max(100) }).optional(),
  effect: z.string().optional(),
  transition: z.number().min(0).optional(),
});

/** A dimmable or a colour light; its state in Zigbee2MQTT's form, whatever its dialect. */
export class SimulatedLight extends SimulatedDevice<LightState> {
  readonly kind: DeviceKind;
  readonly model: string;
  readonly #color: boolean;
  readonly #effects: readonly string[];

  constructor(spec: LightSpec, context: DeviceContext) {
    const effects = spec.effects ?? [];
    const base: LightState = spec.color
      ? { state: 'OFF', brightness: 200, color_mode: 'color_temp', color: { h: 30, s: 80 }, color_temp: 370 }
      : { state: 'OFF', brightness: 200 };
    const effect = effects[0] === undefined ? {} : { effect: effects[0] };
    super(spec, context, { ...base, ...effect, ...spec.initial });
    this.#color = spec.color;
    this.#effects = effects;
    this.kind = spec.color ? 'color-light' : 'light';
    this.model = spec.model ?? (spec.color ? 'Simulated colour light' : 'Simulated dimmable light');
  }

  protected primaryEntities(): EntitySpec[] {
    return [
      {
        component: 'light',
        key: 'light',
        name: this.entityName,
        colorModes: this.#color ? ['color_temp', 'hs'] : ['brightness'],
        ...(this.#color ? { minMireds: MIN_MIREDS, maxMireds: MAX_MIREDS } : {}),
        ...(this.#effects.length > 0 ? { effects: this.#effects } : {}),
      },
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = lightCommandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const command = parsed.data;
    if (command.effect !== undefined && !this.#effects.includes(command.effect))
      return { ok: false, reason: `effect: no effect "${command.effect}"` };
    const current = this.state;
    let on = current.state === 'ON';
    let { brightness, color_mode, color, color_temp, effect } = current;

    const switchingOff = command.state === 'OFF' || (command.state === 'TOGGLE' && on);
    if (switchingOff) {
      // The brightness is kept, so that the next plain ON restores it.
      on = false;
    } else {
      if (command.state !== undefined) on = true;
      if (command.brightness !== undefined) {
        const requested = Math.round(command.brightness);
        // Brightness 0 means off (Zigbee2MQTT); the last non-zero brightness is kept.
        if (requested === 0) on = false;
        else {
          brightness = requested;
          on = true;
        }
      }
      if (this.#color && command.color_temp !== undefined) {
        color_temp = Math.round(clamp(command.color_temp, MIN_MIREDS, MAX_MIREDS));
        color_mode = 'color_temp';
        if (command.state === undefined) on = true;
      }
      if (this.#color && command.color !== undefined) {
        color = { h: command.color.h, s: command.color.s };
        color_mode = 'hs';
        if (command.state === undefined) on = true;
      }
      if (command.effect !== undefined) effect = command.effect;
    }
    const state = on ? 'ON' : 'OFF';
    const next: LightState = this.#color
      ? { state, brightness, color_mode, color, color_temp }
      : { state, brightness };
    this.update(effect === undefined ? next : { ...next, effect });
    return { ok: true };
  }

  /** A new brightness comes back off by 40; any other command does not take. */
  protected override distort(before: LightState, after: LightState): LightState {
    if (after.brightness === before.brightness) return before;
    const offset =
      after.brightness > WRONG_BRIGHTNESS_OFFSET ? -WRONG_BRIGHTNESS_OFFSET : WRONG_BRIGHTNESS_OFFSET;
    return { ...after, brightness: clamp(after.brightness + offset, 1, 255) };
  }
}
