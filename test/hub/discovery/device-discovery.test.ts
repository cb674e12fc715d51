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
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import { FakeClock } from '../core/fake-clock.ts';
import { FakeMqtt } from './fake-mqtt.ts';

function setup() {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
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
  return { ...ctx, warnings };
}

// The example of Home Assistant's docs (https://www.home-assistant.io/integrations/mqtt/#device-discovery-payload), abbreviated.
const kitchen = {
  dev: {
    ids: 'ea334450945afc',
    name: 'Kitchen',
    mf: 'Bla electronics',
    mdl: 'xya',
    sw: '1.0',
    sa: 'Kitchen',
  },
  o: { name: 'bla2mqtt', sw: '2.1', url: 'https://bla2mqtt.example.com/support' },
  cmps: {
    some_unique_component_id1: {
      p: 'sensor',
      device_class: 'temperature',
      unit_of_measurement: '°C',
      value_template: '{{ value_json.temperature }}',
      unique_id: 'temp01ae_t',
      name: 'Temperature',
    },
    some_unique_id2: {
      p: 'sensor',
      device_class: 'humidity',
      unit_of_measurement: '%',
      value_template: '{{ value_json.humidity }}',
      unique_id: 'temp01ae_h',
      name: 'Humidity',
    },
  },
  state_topic: 'sensorBedroom/state',
  qos: 1,
};

describe('device-based discovery', () => {
  it('builds every component of a device config, sharing the top-level keys', () => {
    const { mqtt, states, devices, entities } = setup();
    mqtt.deliver('homeassistant/device/kitchen01/config', kitchen);
    mqtt.deliver('sensorBedroom/state', { temperature: 22.5, humidity: 48 });
    expect(states.get('sensor.kitchen_temperature')).toMatchObject({
      state: '22.5',
      attributes: { unit_of_measurement: '°C', friendly_name: 'Kitchen Temperature' },
    });
    expect(states.get('sensor.kitchen_humidity')?.state).toBe('48');
    const device = devices.get(entities.get('sensor.kitchen_humidity')?.device_id ?? '');
    expect(device).toMatchObject({
      name: 'Kitchen',
      manufacturer: 'Bla electronics',
      area_id: 'kitchen',
      sw_version: '1.0',
    });
  });

  it('removes a component reduced to its platform, and keeps the others', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/device/kitchen01/config', kitchen);
    mqtt.deliver('homeassistant/device/kitchen01/config', {
      ...kitchen,
      cmps: { ...kitchen.cmps, some_unique_id2: { p: 'sensor' } },
    });
    expect(states.get('sensor.kitchen_humidity')).toBeUndefined();
    expect(states.get('sensor.kitchen_temperature')).toBeDefined();
  });

  it('removes every component on an empty payload', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/device/kitchen01/config', kitchen);
    mqtt.deliver('homeassistant/device/kitchen01/config', '');
    expect(states.get('sensor.kitchen_temperature')).toBeUndefined();
    expect(states.get('sensor.kitchen_humidity')).toBeUndefined();
  });

  it('migrates a single-component entity to device discovery with the same entity id', () => {
    const { mqtt, states, entities } = setup();
    mqtt.deliver('homeassistant/sensor/kitchen01/t/config', {
      ...kitchen.cmps.some_unique_component_id1,
      p: undefined,
      state_topic: 'sensorBedroom/state',
      dev: kitchen.dev,
      object_id: 'kitchen_temp',
    });
    expect(states.get('sensor.kitchen_temp')).toBeDefined();
    mqtt.deliver('homeassistant/sensor/kitchen01/t/config', { migrate_discovery: true });
    expect(entities.get('sensor.kitchen_temp')).toBeDefined();
    mqtt.deliver('homeassistant/device/kitchen01/config', kitchen);
    // Clearing the old topic after the move must not remove the migrated entity.
    mqtt.deliver('homeassistant/sensor/kitchen01/t/config', '');
    mqtt.deliver('sensorBedroom/state', { temperature: 19, humidity: 40 });
    expect(states.get('sensor.kitchen_temp')?.state).toBe('19');
    expect(states.get('sensor.kitchen_temperature')).toBeUndefined();
  });

  it('links a device to the one it talks through (via_device)', () => {
    const { mqtt, devices, entities } = setup();
    mqtt.deliver('homeassistant/device/bridge/config', {
      dev: { ids: 'bridge-1', name: 'Bridge' },
      cmps: { s: { p: 'binary_sensor', state_topic: 'b', unique_id: 'b1', name: 'Connected' } },
    });
    mqtt.deliver('homeassistant/device/child/config', {
      dev: { ids: 'child-1', name: 'Child', via_device: 'bridge-1' },
      cmps: { t: { p: 'sensor', state_topic: 'c', unique_id: 'c1', name: 'T' } },
    });
    const child = devices.get(entities.get('sensor.child_t')?.device_id ?? '');
    const bridge = devices.get(entities.get('binary_sensor.bridge_connected')?.device_id ?? '');
    expect(child?.via_device_id).toBe(bridge?.id);
  });

  it('logs a component it cannot use and builds the others', () => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/device/k/config', {
      ...kitchen,
      cmps: { ...kitchen.cmps, bad: { p: 'sensor', state_topic: 7, unique_id: 'x' } },
    });
    expect(states.get('sensor.kitchen_temperature')).toBeDefined();
    expect(warnings.some((w) => w.includes('cmps.bad') && w.includes('config.state_topic'))).toBe(true);
  });
});
