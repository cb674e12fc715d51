import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { AttributeChecks } from './attribute-checks.ts';
import type { EntityControllers } from './entity-controllers.ts';

/** HVACMode (https://developers.home-assistant.io/docs/core/entity/climate#hvac-modes). */
export const HVAC_MODES = ['off', 'heat', 'cool', 'heat_cool', 'auto', 'dry', 'fan_only'] as const;
export type HvacMode = (typeof HVAC_MODES)[number];

/** ClimateEntityFeature bit values, as `supported_features` carries them. */
export const ClimateFeature = {
  TARGET_TEMPERATURE: 1,
  TARGET_TEMPERATURE_RANGE: 2,
  TARGET_HUMIDITY: 4,
  FAN_MODE: 8,
  PRESET_MODE: 16,
  SWING_MODE: 32,
  TURN_OFF: 128,
  TURN_ON: 256,
} as const;

/** `climate.set_temperature` data; temperatures in the system's unit (°C). */
export interface ClimateSetTemperatureParams {
  temperature?: number;
  target_temp_low?: number;
  target_temp_high?: number;
  hvac_mode?: HvacMode;
}

/** What a climate integration implements. Each method resolves once the device has confirmed. */
export interface ClimateController {
  setHvacMode(hvacMode: HvacMode, context: Context): Promise<void>;
  setTemperature(params: ClimateSetTemperatureParams, context: Context): Promise<void>;
  setHumidity(humidity: number, context: Context): Promise<void>;
  setFanMode(fanMode: string, context: Context): Promise<void>;
  setSwingMode(swingMode: string, context: Context): Promise<void>;
  setPresetMode(presetMode: string, context: Context): Promise<void>;
  turnOn(context: Context): Promise<void>;
  turnOff(context: Context): Promise<void>;
}

const noData = z.strictObject({});
const hvacMode = z.enum(HVAC_MODES, `must be one of ${HVAC_MODES.join(', ')}`);
const temperature = z.number('must be a number').refine(Number.isFinite, 'must be a finite number');
const word = z.string('must be a string').min(1, 'must not be empty').max(255);

// https://www.home-assistant.io/integrations/climate/#actions: SET_TEMPERATURE_SCHEMA is
// has_at_least_one_key, then temperature Exclusive of the Inclusive pair target_temp_low/high.
const setTemperatureSchema = z
  .strictObject({
    temperature: temperature.optional(),
    target_temp_high: temperature.optional(),
    target_temp_low: temperature.optional(),
    hvac_mode: hvacMode.optional(),
  })
  .superRefine((data, issues) => {
    const { temperature, target_temp_high: high, target_temp_low: low } = data;
    const refuse = (path: string, message: string) =>
      issues.addIssue({ code: 'custom', path: [path], message });
    if (temperature === undefined && high === undefined && low === undefined)
      refuse('temperature', 'one of temperature, target_temp_high, target_temp_low is required');
    else if (temperature !== undefined && (high !== undefined || low !== undefined))
      refuse('temperature', 'cannot be combined with target_temp_high/target_temp_low');
    else if ((high === undefined) !== (low === undefined))
      refuse(
        high === undefined ? 'target_temp_high' : 'target_temp_low',
        'target_temp_high and target_temp_low go together',
      );
  });

// vol.Coerce(int): Home Assistant truncates a fractional humidity.
const setHumiditySchema = z.strictObject({ humidity: z.number('must be a number').transform(Math.trunc) });

/** Checks of Home Assistant's async_service_temperature_set, against the entity's attributes. */
function checkTemperature(check: AttributeChecks, data: ClimateSetTemperatureParams): void {
  const { temperature, target_temp_low: low, target_temp_high: high } = data;
  const field = temperature !== undefined ? 'temperature' : 'target_temp_low';
  check.feature(
    ClimateFeature.TARGET_TEMPERATURE | ClimateFeature.TARGET_TEMPERATURE_RANGE,
    field,
    'setting a temperature',
  );
  if (temperature !== undefined)
    check.feature(ClimateFeature.TARGET_TEMPERATURE, 'temperature', 'a target temperature');
  if (low !== undefined)
    check.feature(ClimateFeature.TARGET_TEMPERATURE_RANGE, 'target_temp_low', 'a target range');
  if (low !== undefined && high !== undefined && low > high)
    throw check.invalid('target_temp_low', `must not be above target_temp_high (${high})`);
  for (const name of ['temperature', 'target_temp_low', 'target_temp_high'] as const) {
    const value = data[name];
    if (value !== undefined) check.inRange(name, value, 'min_temp', 'max_temp');
  }
  if (data.hvac_mode !== undefined) check.listed('hvac_modes', 'hvac_mode', data.hvac_mode);
}

const FIELDS = {
  temperature: {
    name: 'Target temperature',
    description: 'The temperature setpoint.',
    selector: { number: {} },
  },
  target_temp_high: {
    name: 'Upper target temperature',
    description: 'Upper setpoint of the range.',
    selector: { number: {} },
  },
  target_temp_low: {
    name: 'Lower target temperature',
    description: 'Lower setpoint of the range.',
    selector: { number: {} },
  },
  hvac_mode: {
    name: 'HVAC mode',
    description: 'HVAC operation mode.',
    selector: { select: { options: [...HVAC_MODES] } },
  },
};

export function registerClimateServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const controllerFor = (entityId: string) => controllers.require<ClimateController>('climate', entityId);
  const checks = (entityId: string) =>
    new AttributeChecks('climate', entityId, states.get(entityId)?.attributes ?? {});
  const modeService = (
    service: string,
    field: 'preset_mode' | 'fan_mode' | 'swing_mode',
    feature: number,
    what: string,
    set: (controller: ClimateController, value: string, context: Context) => Promise<void>,
  ) =>
    services.register('climate', service, {
      name: `Set ${what}`,
      description: `Sets the ${what} of a climate device.`,
      fields: {
        [field]: { name: what, description: `One of the device's ${field}s.`, selector: { text: {} } },
      },
      schema: z.strictObject({ [field]: word }),
      handle: ({ entityId, data, context }) => {
        const value = (data as Record<string, string>)[field] as string;
        const check = checks(entityId);
        check.feature(feature, field, what);
        check.listed(`${field}s`, field, value);
        return set(controllerFor(entityId), value, context);
      },
    });

  services.register('climate', 'set_temperature', {
    name: 'Set target temperature',
    description: 'Sets the target temperature, or the target range, and optionally the HVAC mode.',
    fields: FIELDS,
    schema: setTemperatureSchema,
    handle: ({ entityId, data, context }) => {
      checkTemperature(checks(entityId), data);
      return controllerFor(entityId).setTemperature(data, context);
    },
  });
  services.register('climate', 'set_hvac_mode', {
    name: 'Set HVAC mode',
    description: 'Sets the HVAC operation mode.',
    fields: { hvac_mode: FIELDS.hvac_mode },
    schema: z.strictObject({ hvac_mode: hvacMode }),
    handle: ({ entityId, data, context }) => {
      checks(entityId).listed('hvac_modes', 'hvac_mode', data.hvac_mode);
      return controllerFor(entityId).setHvacMode(data.hvac_mode, context);
    },
  });
  modeService('set_preset_mode', 'preset_mode', ClimateFeature.PRESET_MODE, 'preset mode', (c, v, ctx) =>
    c.setPresetMode(v, ctx),
  );
  modeService('set_fan_mode', 'fan_mode', ClimateFeature.FAN_MODE, 'fan mode', (c, v, ctx) =>
    c.setFanMode(v, ctx),
  );
  modeService('set_swing_mode', 'swing_mode', ClimateFeature.SWING_MODE, 'swing mode', (c, v, ctx) =>
    c.setSwingMode(v, ctx),
  );
  services.register('climate', 'set_humidity', {
    name: 'Set target humidity',
    description: 'Sets the target humidity.',
    fields: {
      humidity: { name: 'Humidity', description: 'Target humidity in percent.', selector: { number: {} } },
    },
    schema: setHumiditySchema,
    handle: ({ entityId, data, context }) => {
      const check = checks(entityId);
      check.feature(ClimateFeature.TARGET_HUMIDITY, 'humidity', 'a target humidity');
      check.inRange('humidity', data.humidity, 'min_humidity', 'max_humidity');
      return controllerFor(entityId).setHumidity(data.humidity, context);
    },
  });
  const onOff = (service: 'turn_on' | 'turn_off' | 'toggle', description: string) =>
    services.register('climate', service, {
      name: service === 'toggle' ? 'Toggle' : service === 'turn_on' ? 'Turn on' : 'Turn off',
      description,
      fields: {},
      schema: noData,
      handle: ({ entityId, context }) => {
        const on = service === 'turn_on' || (service === 'toggle' && states.get(entityId)?.state === 'off');
        checks(entityId).feature(
          on ? ClimateFeature.TURN_ON : ClimateFeature.TURN_OFF,
          undefined,
          on ? 'turn_on' : 'turn_off',
        );
        return on ? controllerFor(entityId).turnOn(context) : controllerFor(entityId).turnOff(context);
      },
    });
  onOff('turn_on', 'Turns a climate device on.');
  onOff('turn_off', 'Turns a climate device off.');
  // ClimateEntity.async_toggle: on when the HVAC mode is off, off otherwise.
  onOff('toggle', 'Turns a climate device on when its HVAC mode is off, off otherwise.');
}
