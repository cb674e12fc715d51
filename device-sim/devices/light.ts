import { z } from 'zod';
import { deviceCommandTopic, deviceStateTopic } from '../../hub/protocol/mqtt-conventions.ts';
import { type CommandResult, describeIssues, stateCommandSchema } from '../command-payload.ts';
import {
  availabilityList,
  type DiscoveryMessage,
  deviceBlock,
  discoveryTopic,
  entityObjectId,
  SIM_ORIGIN,
  uniqueId,
} from '../discovery-config.ts';
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
}

export interface LightSpec extends DeviceSpec {
  /** `true`: supported_color_modes `["color_temp", "hs"]`; `false`: `["brightness"]`. */
  readonly color: boolean;
  readonly initial?: Partial<LightState>;
}

/**
 * Home Assistant's JSON light command:
 * https://www.home-assistant.io/integrations/light.mqtt/#json-schema
 * Unknown keys (`effect`, `color_temp_kelvin`, …) are ignored, as a bulb without them would.
 */
const lightCommandSchema = z.object({
  state: stateCommandSchema.optional(),
  brightness: z.number().min(0).max(255).optional(),
  color_temp: z.number().positive().optional(),
  color: z.object({ h: z.number().min(0).max(360), s: z.number().min(0).max(100) }).optional(),
  transition: z.number().min(0).optional(),
});

/** A dimmable or a colour light, Zigbee2MQTT style. */
export class SimulatedLight extends SimulatedDevice<LightState> {
  readonly kind: DeviceKind;
  readonly model: string;
  readonly #color: boolean;

  constructor(spec: LightSpec, context: DeviceContext) {
    const base: LightState = spec.color
      ? { state: 'OFF', brightness: 200, color_mode: 'color_temp', color: { h: 30, s: 80 }, color_temp: 370 }
      : { state: 'OFF', brightness: 200 };
    super(spec, context, { ...base, ...spec.initial });
    this.#color = spec.color;
    this.kind = spec.color ? 'color-light' : 'light';
    this.model = spec.color ? 'Simulated colour light' : 'Simulated dimmable light';
  }

  discoveryMessages(): DiscoveryMessage[] {
    const colorModes = this.#color
      ? { supported_color_modes: ['color_temp', 'hs'], min_mireds: MIN_MIREDS, max_mireds: MAX_MIREDS }
      : { supported_color_modes: ['brightness'] };
    return [
      {
        topic: discoveryTopic('light', this.name, 'light'),
        config: {
          // null: the light is the device's main feature, its friendly name is the device's (as Z2M).
          name: null,
          unique_id: uniqueId(this.name, 'light'),
          object_id: entityObjectId(this.name),
          schema: 'json',
          state_topic: deviceStateTopic(this.name),
          command_topic: deviceCommandTopic(this.name),
          brightness: true,
          brightness_scale: 255,
          ...colorModes,
          ...availabilityList(this.name),
          device: deviceBlock(this.info),
          origin: SIM_ORIGIN,
        },
      },
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = lightCommandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const command = parsed.data;
    const current = this.state;
    let on = current.state === 'ON';
    let { brightness, color_mode, color, color_temp } = current;

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
    }
    const next: LightState = this.#color
      ? { state: on ? 'ON' : 'OFF', brightness, color_mode, color, color_temp }
      : { state: on ? 'ON' : 'OFF', brightness };
    this.update(next);
    return { ok: true };
  }
}
