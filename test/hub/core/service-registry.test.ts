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
import { registerHomeAssistantServices } from '../../../hub/domains/homeassistant-services.ts';
import type { LightController, LightTurnOnParams } from '../../../hub/domains/light-services.ts';
import { registerLightServices } from '../../../hub/domains/light-services.ts';
import type { SwitchController } from '../../../hub/domains/switch-services.ts';
import { registerSwitchServices } from '../../../hub/domains/switch-services.ts';
import { FakeClock } from './fake-clock.ts';

function setup() {
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
  registerLightServices(services, states, controllers);
  const calls: { method: string; params?: LightTurnOnParams }[] = [];
  const controller: LightController = {
    turnOn: async (params) => void calls.push({ method: 'on', params }),
    turnOff: async () => void calls.push({ method: 'off' }),
  };
  controllers.set('light', 'light.a', controller);
  states.set('light.a', 'off', {});
  return { services, calls, ...registries, controllers };
}

const call = (
  services: ServiceRegistry,
  service: string,
  serviceData: Record<string, unknown> = {},
  entityIds = ['light.a'],
) => services.call({ domain: 'light', service, serviceData, target: { entity_id: entityIds }, userId: 'u1' });

describe('light services', () => {
  it('toggles an off light on and an on light off', async () => {
    const { states, services, calls } = setup();
    await call(services, 'toggle');
    states.set('light.a', 'on', {});
    await call(services, 'toggle');
    expect(calls.map((c) => c.method)).toEqual(['on', 'off']);
  });

  it('folds brightness_pct into brightness', async () => {
    const { services, calls } = setup();
    await call(services, 'turn_on', { brightness_pct: 50 });
    expect(calls[0]?.params).toEqual({ brightness: 128 });
  });

  it('returns the context of the call, with the calling user', async () => {
    const { services } = setup();
    const context = await call(services, 'turn_on');
    expect(context.user_id).toBe('u1');
  });

  it.each([
    [{ brightness: 300 }, 'service_validation_error', 'service_data.brightness: must be 0..255, got 300'],
    [{ brightness: 'bright' }, 'service_validation_error', 'service_data.brightness'],
    [{ flux_capacitor: 1 }, 'service_validation_error', 'flux_capacitor'],
  ])('refuses service data %j before touching the device', async (data, code, message) => {
    const { services, calls } = setup();
    await expect(call(services, 'turn_on', data)).rejects.toMatchObject({
      code,
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it('answers not_found for an unknown entity, and device_unavailable for an unavailable one', async () => {
    const { states, services } = setup();
    await expect(call(services, 'turn_on', {}, ['light.nope'])).rejects.toMatchObject({ code: 'not_found' });
    states.set('light.a', 'unavailable', {});
    await expect(call(services, 'turn_on')).rejects.toMatchObject({ code: 'device_unavailable' });
  });

  it('refuses a call without a target', async () => {
    const { services } = setup();
    await expect(call(services, 'turn_on', {}, [])).rejects.toMatchObject({
      code: 'service_validation_error',
    });
  });

  it('describes its services in get_services shape', () => {
    const { services } = setup();
    expect(Object.keys(services.describe().light ?? {})).toEqual(['turn_on', 'turn_off', 'toggle']);
  });
});

describe('targets by device and area, and homeassistant.*', () => {
  function house() {
    const t = setup();
    const { entities, devices, areas, states, controllers, services } = t;
    const kitchen = areas.getOrCreate('Kitchen');
    areas.getOrCreate('Hall');
    const lampDevice = devices.upsert({
      identifiers: ['lamp'],
      name: 'Lamp',
      suggested_area_id: kitchen.area_id,
    });
    entities.register({
      domain: 'light',
      unique_id: 'a',
      platform: 'mqtt',
      suggested_object_id: 'a',
      original_name: null,
      device_id: lampDevice.id,
    });
    entities.register({
      domain: 'light',
      unique_id: 'b',
      platform: 'mqtt',
      suggested_object_id: 'b',
      original_name: null,
      device_id: null,
    });
    entities.register({
      domain: 'switch',
      unique_id: 's',
      platform: 'mqtt',
      suggested_object_id: 's',
      original_name: null,
      device_id: lampDevice.id,
    });
    states.set('light.b', 'off', {});
    states.set('switch.s', 'off', {});
    const switched: string[] = [];
    const sw: SwitchController = {
      turnOn: async () => void switched.push('on'),
      turnOff: async () => void switched.push('off'),
    };
    controllers.set('switch', 'switch.s', sw);
    registerSwitchServices(services, states, controllers);
    registerHomeAssistantServices(services);
    return { ...t, lampDevice, switched };
  }

  it('reaches the entities of a device, only those of the service domain', async () => {
    const { services, calls, lampDevice, switched } = house();
    await services.call({
      domain: 'light',
      service: 'turn_on',
      serviceData: {},
      target: { device_id: [lampDevice.id] },
      userId: null,
    });
    expect(calls.map((c) => c.method)).toEqual(['on']);
    expect(switched).toEqual([]);
  });

  it('reaches an area through the devices in it', async () => {
    const { services, calls } = house();
    await services.call({
      domain: 'light',
      service: 'turn_off',
      serviceData: {},
      target: { area_id: ['kitchen'] },
      userId: null,
    });
    expect(calls.map((c) => c.method)).toEqual(['off']);
  });

  it('answers not_found for an unknown device or area', async () => {
    const { services } = house();
    await expect(
      services.call({
        domain: 'light',
        service: 'turn_on',
        serviceData: {},
        target: { area_id: ['attic'] },
        userId: null,
      }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'Area attic not found.' });
    await expect(
      services.call({
        domain: 'light',
        service: 'turn_on',
        serviceData: {},
        target: { device_id: ['nope'] },
        userId: null,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('turns everything in an area on with homeassistant.turn_on, whatever the domain', async () => {
    const { services, calls, switched } = house();
    await services.call({
      domain: 'homeassistant',
      service: 'turn_on',
      serviceData: {},
      target: { area_id: ['kitchen'] },
      userId: null,
    });
    expect(calls.map((c) => c.method)).toEqual(['on']);
    expect(switched).toEqual(['on']);
  });

  it('refuses a named entity of another domain', async () => {
    const { services } = house();
    await expect(
      services.call({
        domain: 'light',
        service: 'turn_on',
        serviceData: {},
        target: { entity_id: ['switch.s'] },
        userId: null,
      }),
    ).rejects.toMatchObject({ code: 'service_validation_error' });
  });
});
