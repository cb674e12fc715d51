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
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import type { FanController } from '../../../hub/domains/fan-services.ts';
import { adjustedPercentage, FanFeature, registerFanServices } from '../../../hub/domains/fan-services.ts';
import { FakeClock } from '../core/fake-clock.ts';

const ALL_FEATURES = Object.values(FanFeature).reduce((all, bit) => all | bit, 0);

function setup(state = 'on', attributes: Record<string, unknown> = {}) {
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
  registerFanServices(services, states, controllers);
  const calls: [string, unknown?][] = [];
  const record =
    (method: string) =>
    async (...args: unknown[]) =>
      void calls.push(args.length > 1 ? [method, args[0]] : [method]);
  const controller: FanController = {
    turnOn: record('turnOn'),
    turnOff: record('turnOff'),
    setPercentage: record('setPercentage'),
    setPresetMode: record('setPresetMode'),
    oscillate: record('oscillate'),
    setDirection: record('setDirection'),
  };
  controllers.set('fan', 'fan.ceiling', controller);
  states.set('fan.ceiling', state, {
    percentage: 50,
    percentage_step: 25,
    preset_modes: ['breeze'],
    supported_features: ALL_FEATURES,
    ...attributes,
  });
  const call = (service: string, serviceData: Record<string, unknown> = {}) =>
    services.call({
      domain: 'fan',
      service,
      serviceData,
      target: { entity_id: ['fan.ceiling'] },
      userId: 'u1',
    });
  return { services, calls, call };
}

describe('fan services', () => {
  it.each([
    ['turn_on', {}, ['turnOn', {}]],
    [
      'turn_on',
      { percentage: 33.9, preset_mode: 'breeze' },
      ['turnOn', { percentage: 33, preset_mode: 'breeze' }],
    ],
    ['turn_off', {}, ['turnOff']],
    ['toggle', {}, ['turnOff']],
    ['set_percentage', { percentage: 0 }, ['setPercentage', 0]],
    ['increase_speed', {}, ['setPercentage', 75]],
    ['decrease_speed', {}, ['setPercentage', 25]],
    ['increase_speed', { percentage_step: 60 }, ['setPercentage', 100]],
    ['decrease_speed', { percentage_step: 10 }, ['setPercentage', 40]],
    ['oscillate', { oscillating: false }, ['oscillate', false]],
    ['set_direction', { direction: 'reverse' }, ['setDirection', 'reverse']],
    ['set_preset_mode', { preset_mode: 'breeze' }, ['setPresetMode', 'breeze']],
  ])('%s %j reaches the controller as %j', async (service, data, expected) => {
    const { call, calls } = setup();
    await call(service, data);
    expect(calls).toEqual([expected]);
  });

  it('toggles an off fan on', async () => {
    const { call, calls } = setup('off');
    await call('toggle');
    expect(calls).toEqual([['turnOn', {}]]);
  });

  // FanEntity._async_adjust_speed over speed_count = 100 / percentage_step speeds.
  it.each([
    [{ percentage: 0, percentage_step: 100 / 3 }, 1, undefined, 33],
    [{ percentage: 33, percentage_step: 100 / 3 }, 1, undefined, 66],
    [{ percentage: 66, percentage_step: 100 / 3 }, 1, undefined, 100],
    [{ percentage: 100, percentage_step: 100 / 3 }, 1, undefined, 100],
    [{ percentage: 100, percentage_step: 100 / 3 }, -1, undefined, 66],
    [{ percentage: 33, percentage_step: 100 / 3 }, -1, undefined, 0],
    [{ percentage: null, percentage_step: 1 }, 1, undefined, 1],
    [{ percentage: 95, percentage_step: 1 }, 1, 10, 100],
    [{ percentage: 5, percentage_step: 1 }, -1, 10, 0],
  ] as const)('steps %j by %d (step %s) to %d', (attributes, direction, step, expected) => {
    expect(adjustedPercentage(attributes, direction, step)).toBe(expected);
  });

  it.each([
    ['set_percentage', { percentage: 150 }, 'service_data.percentage: must be 0..100'],
    ['set_percentage', { percentage: 'fast' }, 'service_data.percentage: must be a number'],
    ['turn_on', { percentage: -1 }, 'service_data.percentage: must be 0..100'],
    ['turn_on', { preset_mode: 'typhoon' }, 'service_data.preset_mode: must be one of breeze, got "typhoon"'],
    ['set_preset_mode', { preset_mode: 'typhoon' }, 'service_data.preset_mode: must be one of breeze'],
    ['set_direction', { direction: 'sideways' }, 'service_data.direction: must be forward or reverse'],
    ['oscillate', {}, 'service_data.oscillating'],
    ['increase_speed', { percentage_step: 101 }, 'service_data.percentage_step: must be 0..100'],
  ])('refuses %s %j with service_validation_error naming the field', async (service, data, message) => {
    const { call, calls } = setup();
    await expect(call(service, data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    [
      'set_percentage',
      { percentage: 50 },
      'service_data.percentage: fan.ceiling does not support setting the speed',
    ],
    [
      'turn_on',
      { percentage: 50 },
      'service_data.percentage: fan.ceiling does not support setting the speed',
    ],
    ['increase_speed', {}, 'service_data.percentage_step: fan.ceiling does not support'],
    [
      'oscillate',
      { oscillating: true },
      'service_data.oscillating: fan.ceiling does not support oscillation',
    ],
    [
      'set_direction',
      { direction: 'forward' },
      'service_data.direction: fan.ceiling does not support a direction',
    ],
    ['set_preset_mode', { preset_mode: 'breeze' }, 'service_data.preset_mode: fan.ceiling does not support'],
  ])('refuses %s on a fan without the feature', async (service, data, message) => {
    const { call, calls } = setup('on', { supported_features: FanFeature.TURN_ON | FanFeature.TURN_OFF });
    await expect(call(service, data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it('lists its services for get_services', () => {
    const { services } = setup();
    expect(Object.keys(services.describe().fan ?? {})).toEqual([
      'turn_on',
      'turn_off',
      'toggle',
      'set_percentage',
      'increase_speed',
      'decrease_speed',
      'oscillate',
      'set_direction',
      'set_preset_mode',
    ]);
  });
});
