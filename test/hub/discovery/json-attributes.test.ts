import { describe, expect, it } from 'vitest';
import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import type { Logger } from '../../../hub/core/logger.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { MqttDiscovery } from '../../../hub/discovery/mqtt-discovery.ts';
import { parseJsonAttributes } from '../../../hub/discovery/mqtt-entity.ts';
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import { FakeClock } from '../core/fake-clock.ts';
import { FakeMqtt } from './fake-mqtt.ts';

function setup() {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
  const bus = new EventBus(log);
  const confirmations = new CommandConfirmations(clock);
  const states = new StateMachine(bus, clock, confirmations);
  const mqtt = new FakeMqtt();
  const ctx = {
    mqtt,
    states,
    confirmations,
    controllers: new EntityControllers(),
    clock,
    log,
    commandTimeoutMs: 5000,
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  new MqttDiscovery(ctx, { prefix: 'homeassistant', maxPayloadBytes: 65536 }).start();
  return { mqtt, states, warnings };
}

const SENSOR = {
  name: 'Battery',
  unique_id: 'battery',
  state_topic: 'node/battery',
  json_attributes_topic: 'node/attributes',
  availability_topic: 'node/status',
  unit_of_measurement: '%',
};

describe('json_attributes_topic (https://www.home-assistant.io/integrations/sensor.mqtt/#json_attributes_topic)', () => {
  it("adds the object's keys as attributes, except the ones Home Assistant reserves", () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/sensor/battery/config', SENSOR);
    mqtt.deliver('node/status', 'online');
    mqtt.deliver('node/battery', '87');
    const attributes = JSON.stringify({
      voltage: 3.01,
      cells: [1.5, 1.51],
      last_seen: '2026-01-01T00:00:00Z',
      friendly_name: 'Hijacked',
      entity_id: 'sensor.other',
      unit_of_measurement: 'V',
      device_class: 'voltage',
      icon: 'mdi:skull',
      supported_features: 255,
      assumed_state: true,
      available: false,
      entity_picture: 'http://x',
      context: {},
      state: 'off',
    });
    // A key JSON.parse makes an own property, which a careless copy would turn into a prototype.
    mqtt.deliver('node/attributes', `${attributes.slice(0, -1)},"__proto__":{"polluted":true}}`);
    const state = states.get('sensor.battery');
    expect(state?.state).toBe('87');
    expect(state?.attributes).toEqual({
      friendly_name: 'Battery',
      unit_of_measurement: '%',
      voltage: 3.01,
      cells: [1.5, 1.51],
      last_seen: '2026-01-01T00:00:00Z',
    });
    expect(Object.getPrototypeOf(state?.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(state?.attributes ?? {}, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('renders json_attributes_template first, and replaces the whole set with each message', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/switch/plug/config', {
      name: 'Plug',
      unique_id: 'plug',
      command_topic: 'plug/set',
      state_topic: 'plug',
      value_template: '{{ value_json.state }}',
      json_attributes_topic: 'plug',
      json_attributes_template: '{{ value_json.meter | tojson }}',
    });
    mqtt.deliver('plug', { state: 'ON', meter: { power: 12.5, energy: 3 } });
    expect(states.get('switch.plug')?.attributes).toEqual({ friendly_name: 'Plug', power: 12.5, energy: 3 });
    mqtt.deliver('plug', { state: 'ON', meter: { power: 0 } });
    expect(states.get('switch.plug')?.attributes).toEqual({ friendly_name: 'Plug', power: 0 });
  });

  it.each([
    ['[1, 2]', 'not a JSON object'],
    ['"text"', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['{broken', 'not valid JSON'],
    [
      JSON.stringify(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]))),
      '101 keys refused (max 100)',
    ],
    [JSON.stringify({ blob: 'x'.repeat(17_000) }), 'characters refused (max 16384)'],
  ])('logs %s and keeps the attributes it had', (payload, message) => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/sensor/battery/config', SENSOR);
    mqtt.deliver('node/status', 'online');
    mqtt.deliver('node/attributes', { voltage: 3 });
    mqtt.deliver('node/attributes', payload);
    expect(warnings.at(-1)).toContain(message);
    expect(warnings.at(-1)).toContain('sensor.battery: node/attributes');
    expect(states.get('sensor.battery')?.attributes.voltage).toBe(3);
  });

  it('hides the attributes while the entity is unavailable, and shows them again after', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/sensor/battery/config', SENSOR);
    mqtt.deliver('node/status', 'online');
    mqtt.deliver('node/attributes', { voltage: 3 });
    mqtt.deliver('node/status', 'offline');
    expect(states.get('sensor.battery')).toMatchObject({ state: 'unavailable' });
    expect(states.get('sensor.battery')?.attributes.voltage).toBeUndefined();
    mqtt.deliver('node/status', 'online');
    expect(states.get('sensor.battery')?.attributes.voltage).toBe(3);
  });

  it("leaves a light's own attributes to the light (MQTT_LIGHT_ATTRIBUTES_BLOCKED)", () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/light/lamp/config', {
      schema: 'json',
      name: 'Lamp',
      unique_id: 'lamp',
      command_topic: 'lamp/set',
      state_topic: 'lamp',
      json_attributes_topic: 'lamp',
      brightness: true,
      supported_color_modes: ['brightness'],
    });
    mqtt.deliver('lamp', {
      state: 'ON',
      brightness: 128,
      color_mode: 'brightness',
      effect: 'x',
      linkquality: 99,
    });
    expect(states.get('light.lamp')?.attributes).toMatchObject({ brightness: 128, linkquality: 99 });
    expect(states.get('light.lamp')?.attributes.effect).toBeUndefined();
  });

  it('refuses a config whose json_attributes_template does not compile', () => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/sensor/battery/config', {
      ...SENSOR,
      json_attributes_template: '{{ value_json.',
    });
    expect(states.get('sensor.battery')).toBeUndefined();
    expect(warnings.at(-1)).toContain('template');
  });

  it('parses with its blocked keys, as a pure function', () => {
    expect(parseJsonAttributes('{"a":1,"brightness":2,"icon":"x"}', new Set(['brightness']))).toEqual({
      a: 1,
    });
  });
});
