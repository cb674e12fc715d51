import { describe, expect, it } from 'vitest';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { ServiceRegistry } from '../../../hub/core/service-registry.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import type { LightController, LightTurnOnParams } from '../../../hub/domains/light-services.ts';
import { registerLightServices } from '../../../hub/domains/light-services.ts';
import { FakeClock } from './fake-clock.ts';

function setup() {
  const clock = new FakeClock();
  const states = new StateMachine(new EventBus(silentLogger), clock, new CommandConfirmations(clock));
  const services = new ServiceRegistry(states, clock);
  const controllers = new EntityControllers();
  registerLightServices(services, states, controllers);
  const calls: { method: string; params?: LightTurnOnParams }[] = [];
  const controller: LightController = {
    turnOn: async (params) => void calls.push({ method: 'on', params }),
    turnOff: async () => void calls.push({ method: 'off' }),
  };
  controllers.set('light', 'light.a', controller);
  states.set('light.a', 'off', {});
  return { states, services, calls };
}

const call = (
  services: ServiceRegistry,
  service: string,
  serviceData: Record<string, unknown> = {},
  entityIds = ['light.a'],
) => services.call({ domain: 'light', service, serviceData, entityIds, userId: 'u1' });

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
    await expect(call(services, 'turn_on', {}, [])).rejects.toMatchObject({ code: 'invalid_format' });
  });

  it('describes its services in get_services shape', () => {
    const { services } = setup();
    expect(Object.keys(services.describe().light ?? {})).toEqual(['turn_on', 'turn_off', 'toggle']);
  });
});
