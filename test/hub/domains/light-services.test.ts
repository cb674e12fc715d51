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
import type {
  LightController,
  LightTurnOffParams,
  LightTurnOnParams,
} from '../../../hub/domains/light-services.ts';
import { registerLightServices } from '../../../hub/domains/light-services.ts';
import { FakeClock } from '../core/fake-clock.ts';

function setup(state = 'off', attributes: Record<string, unknown> = {}) {
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
  const calls: ['on', LightTurnOnParams][] | ['off', LightTurnOffParams][] = [];
  const log = calls as ['on' | 'off', LightTurnOnParams | LightTurnOffParams][];
  const controller: LightController = {
    turnOn: async (params) => void log.push(['on', params]),
    turnOff: async (params) => void log.push(['off', params]),
  };
  controllers.set('light', 'light.a', controller);
  states.set('light.a', state, attributes);
  const call = (service: string, serviceData: Record<string, unknown> = {}) =>
    services.call({
      domain: 'light',
      service,
      serviceData,
      target: { entity_id: ['light.a'] },
      userId: null,
    });
  return { services, call, calls: log };
}

describe('light services: what reaches the controller', () => {
  it.each([
    [{ brightness_pct: 50 }, { brightness: 128 }],
    // Python's round(): half to even.
    [{ brightness_pct: 30 }, { brightness: 76 }],
    [{ brightness_step: 20 }, { brightness: 20 }],
    [{ brightness_step_pct: -10 }, { brightness: 0 }],
    [{ color_temp: 370 }, { color_temp_kelvin: 2702 }],
    [{ kelvin: 2700 }, { color_temp_kelvin: 2700 }],
    [
      { xy_color: [0.5, 0.4], transition: 2 },
      { xy_color: [0.5, 0.4], transition: 2 },
    ],
    [{ rgbw_color: [1, 2, 3, 4] }, { rgbw_color: [1, 2, 3, 4] }],
    [{ rgbww_color: [1, 2, 3, 4, 5] }, { rgbww_color: [1, 2, 3, 4, 5] }],
    [{ white: true }, { white: true }],
    [
      { white: 100, brightness: 50 },
      { white: 100, brightness: 50 },
    ],
    [
      { color_name: 'red', flash: 'short', effect: 'x' },
      { color_name: 'red', flash: 'short', effect: 'x' },
    ],
  ])('turn_on %j on an off light calls turnOn with %j', async (data, params) => {
    const { call, calls } = setup();
    await call('turn_on', data);
    expect(calls).toEqual([['on', params]]);
  });

  it('steps the brightness from the current one of a light that is on', async () => {
    const { call, calls } = setup('on', { brightness: 100 });
    await call('turn_on', { brightness_step: 20 });
    await call('turn_on', { brightness_step_pct: 50 });
    expect(calls).toEqual([
      ['on', { brightness: 120 }],
      ['on', { brightness: 228 }],
    ]);
  });

  it('toggles a light that is on off, passing transition and flash', async () => {
    const { call, calls } = setup('on');
    await call('toggle', { transition: 1, flash: 'long', brightness: 10 });
    await call('turn_off', { flash: 'short' });
    expect(calls).toEqual([
      ['off', { transition: 1, flash: 'long' }],
      ['off', { flash: 'short' }],
    ]);
  });

  it.each([
    [{ xy_color: [2, 0] }, 'service_data.xy_color.0: must be 0..1, got 2'],
    [{ xy_color: [0.5] }, 'service_data.xy_color'],
    [{ rgbw_color: [1, 2, 3, 256] }, 'service_data.rgbw_color.3: must be 0..255, got 256'],
    [{ rgbww_color: [1, 2, 3, 4] }, 'service_data.rgbww_color'],
    [{ hs_color: [400, 10] }, 'service_data.hs_color.0: hue must be 0..360, got 400'],
    [{ white: 'bright' }, 'service_data.white: must be true or 0..255'],
    [{ flash: 'medium' }, 'service_data.flash: must be "short" or "long"'],
    [{ color_temp: 5 }, 'service_data.color_temp: must be 25..1000, got 5'],
    [{ hs_color: [1, 2], rgb_color: [1, 2, 3] }, 'service_data.rgb_color: cannot be combined with hs_color'],
    [
      { color_temp_kelvin: 3000, white: true },
      'service_data.white: cannot be combined with color_temp_kelvin',
    ],
    [{ brightness: 1, brightness_pct: 1 }, 'service_data.brightness_pct: cannot be combined with brightness'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses %j with service_validation_error naming the field', async (data, message) => {
    const { call, calls } = setup();
    await expect(call('turn_on', data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it('describes the new fields in get_services', () => {
    const { services } = setup();
    const light = services.describe().light;
    expect(Object.keys(light?.turn_on?.fields ?? {})).toEqual(
      expect.arrayContaining(['xy_color', 'rgbw_color', 'rgbww_color', 'white', 'flash', 'color_name']),
    );
    expect(Object.keys(light?.turn_off?.fields ?? {})).toEqual(['transition', 'flash']);
  });
});
