import { describe, expect, it } from 'vitest';
import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { ServiceRegistry } from '../../../hub/core/service-registry.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { TargetResolver } from '../../../hub/core/target-resolver.ts';
import type { ClimateController } from '../../../hub/domains/climate-services.ts';
import { ClimateFeature, registerClimateServices } from '../../../hub/domains/climate-services.ts';
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import { FakeClock } from '../core/fake-clock.ts';

const ALL_FEATURES = Object.values(ClimateFeature).reduce((all, bit) => all | bit, 0);

const thermostat = {
  hvac_modes: ['off', 'heat', 'cool', 'heat_cool'],
  min_temp: 7,
  max_temp: 35,
  min_humidity: 30,
  max_humidity: 99,
  fan_modes: ['auto', 'low'],
  swing_modes: ['on', 'off'],
  preset_modes: ['none', 'eco'],
  supported_features: ALL_FEATURES,
};

function setup(state = 'heat', attributes: Record<string, unknown> = thermostat) {
  const clock = new FakeClock();
  const bus = new EventBus(silentLogger);
  const states = new StateMachine(bus, clock, new CommandConfirmations(clock));
  const registries = {
    states,
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  const services = new ServiceRegistry(states, clock, new TargetResolver(registries));
  const controllers = new EntityControllers();
  registerClimateServices(services, states, controllers);
  const calls: [string, unknown?][] = [];
  const record =
    (method: string) =>
    async (...args: unknown[]) =>
      void calls.push(args.length > 1 ? [method, args[0]] : [method]);
  const controller: ClimateController = {
    setHvacMode: record('setHvacMode'),
    setTemperature: record('setTemperature'),
    setHumidity: record('setHumidity'),
    setFanMode: record('setFanMode'),
    setSwingMode: record('setSwingMode'),
    setPresetMode: record('setPresetMode'),
    turnOn: record('turnOn'),
    turnOff: record('turnOff'),
  };
  controllers.set('climate', 'climate.hall', controller);
  states.set('climate.hall', state, attributes);
  const call = (service: string, serviceData: Record<string, unknown> = {}) =>
    services.call({
      domain: 'climate',
      service,
      serviceData,
      target: { entity_id: ['climate.hall'] },
      userId: 'u1',
    });
  return { services, states, calls, call };
}

describe('climate services', () => {
  it.each([
    ['set_hvac_mode', { hvac_mode: 'cool' }, ['setHvacMode', 'cool']],
    ['set_temperature', { temperature: 21.5 }, ['setTemperature', { temperature: 21.5 }]],
    [
      'set_temperature',
      { target_temp_low: 18, target_temp_high: 24, hvac_mode: 'heat_cool' },
      ['setTemperature', { target_temp_low: 18, target_temp_high: 24, hvac_mode: 'heat_cool' }],
    ],
    ['set_humidity', { humidity: 45.9 }, ['setHumidity', 45]],
    ['set_fan_mode', { fan_mode: 'low' }, ['setFanMode', 'low']],
    ['set_swing_mode', { swing_mode: 'on' }, ['setSwingMode', 'on']],
    ['set_preset_mode', { preset_mode: 'none' }, ['setPresetMode', 'none']],
    ['turn_on', {}, ['turnOn']],
    ['turn_off', {}, ['turnOff']],
    ['toggle', {}, ['turnOff']],
  ])('%s %j reaches the controller as %j', async (service, data, expected) => {
    const { call, calls } = setup();
    await call(service, data);
    expect(calls).toEqual([expected]);
  });

  it('toggles an entity whose HVAC mode is off on', async () => {
    const { call, calls } = setup('off');
    await call('toggle');
    expect(calls).toEqual([['turnOn']]);
  });

  it.each([
    [
      { hvac_mode: 'dry' },
      'set_hvac_mode',
      'service_data.hvac_mode: must be one of off, heat, cool, heat_cool, got "dry"',
    ],
    [{ hvac_mode: 'sleep' }, 'set_hvac_mode', 'service_data.hvac_mode: must be one of off, heat, cool'],
    [{}, 'set_hvac_mode', 'service_data.hvac_mode'],
    [{ temperature: 36 }, 'set_temperature', 'service_data.temperature: must be 7..35, got 36'],
    [{ temperature: 'warm' }, 'set_temperature', 'service_data.temperature: must be a number'],
    [{}, 'set_temperature', 'one of temperature, target_temp_high, target_temp_low is required'],
    [{ temperature: 20, target_temp_low: 18, target_temp_high: 22 }, 'set_temperature', 'cannot be combined'],
    [{ target_temp_low: 18 }, 'set_temperature', 'target_temp_high and target_temp_low go together'],
    [
      { target_temp_low: 25, target_temp_high: 20 },
      'set_temperature',
      'service_data.target_temp_low: must not be above',
    ],
    [
      { target_temp_low: 5, target_temp_high: 20 },
      'set_temperature',
      'service_data.target_temp_low: must be 7..35, got 5',
    ],
    [{ temperature: 20, hvac_mode: 'auto' }, 'set_temperature', 'service_data.hvac_mode: must be one of'],
    [{ humidity: 20 }, 'set_humidity', 'service_data.humidity: must be 30..99, got 20'],
    [{ fan_mode: 'turbo' }, 'set_fan_mode', 'service_data.fan_mode: must be one of auto, low, got "turbo"'],
    [{ swing_mode: 'both' }, 'set_swing_mode', 'service_data.swing_mode: must be one of on, off'],
    [
      { preset_mode: 'away' },
      'set_preset_mode',
      'service_data.preset_mode: must be one of none, eco, got "away"',
    ],
    [{ preset_mode: 'eco', extra: 1 }, 'set_preset_mode', 'extra'],
  ])('refuses %j for %s with service_validation_error naming the field', async (data, service, message) => {
    const { call, calls } = setup();
    await expect(call(service, data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['set_temperature', { temperature: 20 }, 'service_data.temperature: climate.hall does not support'],
    [
      'set_temperature',
      { target_temp_low: 18, target_temp_high: 22 },
      'service_data.target_temp_low: climate.hall',
    ],
    [
      'set_humidity',
      { humidity: 50 },
      'service_data.humidity: climate.hall does not support a target humidity',
    ],
    ['set_fan_mode', { fan_mode: 'auto' }, 'service_data.fan_mode: climate.hall does not support fan mode'],
    ['set_swing_mode', { swing_mode: 'on' }, 'service_data.swing_mode: climate.hall does not support'],
    ['set_preset_mode', { preset_mode: 'eco' }, 'service_data.preset_mode: climate.hall does not support'],
    ['turn_on', {}, 'Entity climate.hall does not support action climate.turn_on'],
  ])('refuses %s on an entity without the feature', async (service, data, message) => {
    const { call, calls } = setup('heat', { ...thermostat, supported_features: ClimateFeature.TURN_OFF });
    await expect(call(service, data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it('lists its services for get_services', () => {
    const { services } = setup();
    expect(Object.keys(services.describe().climate ?? {})).toEqual([
      'set_temperature',
      'set_hvac_mode',
      'set_preset_mode',
      'set_fan_mode',
      'set_swing_mode',
      'set_humidity',
      'turn_on',
      'turn_off',
      'toggle',
    ]);
  });
});
