import { describe, expect, it } from 'vitest';
import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { createContext } from '../../../hub/core/context.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import type { Logger } from '../../../hub/core/logger.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { MqttDiscovery } from '../../../hub/discovery/mqtt-discovery.ts';
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import type { LightController } from '../../../hub/domains/light-services.ts';
import type { SwitchController } from '../../../hub/domains/switch-services.ts';
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
  const discovery = new MqttDiscovery(ctx, { prefix: 'homeassistant', maxPayloadBytes: 65536 });
  discovery.start();
  return { ...ctx, discovery, warnings };
}

const jsonLight = {
  schema: 'json',
  name: null,
  uniq_id: 'lamp-1',
  obj_id: 'desk_lamp',
  '~': 'hearth/lamp',
  cmd_t: '~/set',
  stat_t: '~',
  avty_t: '~/availability',
  brightness: true,
  sup_clrm: ['brightness'],
  dev: { ids: ['lamp'], name: 'Desk Lamp', sa: 'Office' },
};

describe('MQTT discovery', () => {
  it('publishes the birth message when it starts, once the retained configs have stopped arriving', () => {
    const { mqtt, clock } = setup();
    const birth = expect.objectContaining({ topic: 'homeassistant/status', payload: 'online' });
    clock.advance(200);
    mqtt.deliver('homeassistant/light/lamp/light/config', jsonLight);
    clock.advance(200);
    expect(mqtt.published).not.toContainEqual(birth);
    clock.advance(100);
    expect(mqtt.published).toContainEqual(birth);
  });

  it('publishes the birth at the latest 5 s after it starts, however busy discovery is', () => {
    const { mqtt, clock } = setup();
    for (let i = 0; i < 50; i++) {
      mqtt.deliver(`homeassistant/light/lamp${i}/light/config`, { ...jsonLight, uniq_id: `lamp-${i}` });
      clock.advance(100);
    }
    expect(mqtt.published.filter((m) => m.topic === 'homeassistant/status')).toHaveLength(1);
  });

  it('builds a json-schema light from an abbreviated config, named after its device, in the suggested area', () => {
    const { mqtt, states, entities, devices, areas } = setup();
    mqtt.deliver('homeassistant/light/lamp/light/config', jsonLight);
    expect(states.get('light.desk_lamp')?.state).toBe('unavailable');
    mqtt.deliver('hearth/lamp/availability', 'online');
    mqtt.deliver('hearth/lamp', { state: 'ON', brightness: 200 });
    const state = states.get('light.desk_lamp');
    expect(state?.state).toBe('on');
    expect(state?.attributes).toMatchObject({
      friendly_name: 'Desk Lamp',
      brightness: 200,
      color_mode: 'brightness',
      supported_color_modes: ['brightness'],
    });
    const device = devices.get(entities.get('light.desk_lamp')?.device_id ?? '');
    expect(device?.area_id).toBe('office');
    expect(areas.get('office')?.name).toBe('Office');
  });

  it('sends a json command and resolves only when the light reports the state', async () => {
    const { mqtt, controllers } = setup();
    mqtt.deliver('homeassistant/light/lamp/light/config', jsonLight);
    mqtt.deliver('hearth/lamp/availability', 'online');
    mqtt.deliver('hearth/lamp', { state: 'OFF' });
    let done = false;
    const call = controllers
      .get<LightController>('light', 'light.desk_lamp')
      ?.turnOn({ brightness: 128 }, createContext(0));
    void call?.then(() => {
      done = true;
    });
    expect(mqtt.published.at(-1)).toMatchObject({
      topic: 'hearth/lamp/set',
      payload: '{"state":"ON","brightness":128}',
    });
    await Promise.resolve();
    expect(done).toBe(false);
    mqtt.deliver('hearth/lamp', { state: 'ON', brightness: 128 });
    await call;
    expect(done).toBe(true);
  });

  it('renders value_template for a sensor and refuses a non-numeric value for a sensor with a unit', () => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/sensor/th/temperature/config', {
      name: 'Temperature',
      stat_t: 'hearth/th',
      val_tpl: '{{ value_json.temperature }}',
      unit_of_meas: '°C',
      dev_cla: 'temperature',
      uniq_id: 'th-t',
      dev: { ids: ['th'], name: 'Bedroom Climate' },
    });
    mqtt.deliver('hearth/th', { temperature: 21.5 });
    const id = 'sensor.bedroom_climate_temperature';
    expect(states.get(id)).toMatchObject({
      state: '21.5',
      attributes: { unit_of_measurement: '°C', device_class: 'temperature' },
    });
    mqtt.deliver('hearth/th', { temperature: 'hot' });
    expect(states.get(id)?.state).toBe('21.5');
    expect(warnings.at(-1)).toContain('is not a number');
  });

  it('reads value_json["key"] through the safe evaluator for a binary sensor', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/binary_sensor/door/contact/config', {
      name: 'Door',
      state_topic: 'hearth/door',
      value_template: '{{ value_json["contact"] }}',
      payload_on: 'False',
      payload_off: 'True',
      device_class: 'door',
      unique_id: 'door-1',
    });
    mqtt.deliver('hearth/door', { contact: false });
    expect(states.get('binary_sensor.door')?.state).toBe('on');
  });

  it('takes a device block with null values, as Zigbee2MQTT writes it for a device without firmware version', () => {
    const { mqtt, states, entities, devices } = setup();
    mqtt.deliver('homeassistant/switch/plug/switch/config', {
      name: null,
      unique_id: 'plug-switch',
      command_topic: 'z2m/plug/set',
      device: { identifiers: ['zigbee2mqtt_0x1'], name: 'Plug', sw_version: null, model: 'TS011F' },
    });
    expect(states.get('switch.plug')?.attributes.friendly_name).toBe('Plug');
    const device = devices.get(entities.get('switch.plug')?.device_id ?? '');
    expect(device).toMatchObject({ name: 'Plug', model: 'TS011F', sw_version: null });
  });

  it('removes an entity on an empty config, and logs a malformed one without crashing', () => {
    const { mqtt, states, entities, warnings } = setup();
    mqtt.deliver('homeassistant/switch/plug/config', {
      name: 'Plug',
      command_topic: 'p/set',
      state_topic: 'p',
      unique_id: 'p1',
    });
    expect(states.get('switch.plug')).toBeDefined();
    mqtt.deliver('homeassistant/switch/plug/config', '');
    expect(states.get('switch.plug')).toBeUndefined();
    expect(entities.get('switch.plug')).toBeUndefined();
    mqtt.deliver('homeassistant/switch/bad/config', '{not json');
    mqtt.deliver('homeassistant/switch/bad2/config', { name: 'X', state_topic: 42 });
    expect(warnings.some((w) => w.includes('not valid JSON'))).toBe(true);
    expect(warnings.some((w) => w.includes('config.state_topic'))).toBe(true);
  });

  it('keeps the entity id of a unique_id when the config changes', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/switch/plug/config', {
      name: 'Plug',
      command_topic: 'p/set',
      state_topic: 'p',
      unique_id: 'p1',
    });
    mqtt.deliver('homeassistant/switch/plug/config', {
      name: 'Renamed',
      command_topic: 'p/set',
      state_topic: 'p',
      unique_id: 'p1',
    });
    expect(states.get('switch.plug')?.attributes.friendly_name).toBe('Renamed');
  });

  it('is optimistic for a switch without a state topic: confirmed at once', async () => {
    const { mqtt, states, controllers } = setup();
    mqtt.deliver('homeassistant/switch/relay/config', {
      name: 'Relay',
      command_topic: 'r/set',
      unique_id: 'r1',
    });
    const context = createContext(0);
    await controllers.get<SwitchController>('switch', 'switch.relay')?.turnOn(context);
    expect(mqtt.published.at(-1)).toMatchObject({ topic: 'r/set', payload: 'ON' });
    expect(states.get('switch.relay')).toMatchObject({ state: 'on', context });
  });

  it('follows availability_mode all across two topics', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/switch/two/config', {
      name: 'Two',
      state_topic: 't',
      command_topic: 't/set',
      unique_id: 't2',
      availability: [
        { topic: 'a1' },
        { topic: 'a2', payload_available: 'up', payload_not_available: 'down' },
      ],
      availability_mode: 'all',
    });
    mqtt.deliver('a1', 'online');
    expect(states.get('switch.two')?.state).toBe('unavailable');
    mqtt.deliver('a2', 'up');
    expect(states.get('switch.two')?.state).toBe('unknown');
  });
});

describe('MQTT discovery, as Zigbee2MQTT sends it', () => {
  it('takes boolean payloads as Home Assistant does: payload_on true matches a template rendering True', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/binary_sensor/hall/occupancy/config', {
      name: null,
      object_id: 'hall_motion',
      state_topic: 'z2m/hall',
      value_template: '{{ value_json.occupancy }}',
      payload_on: true,
      payload_off: false,
      device_class: 'motion',
      unique_id: 'hall-occ',
      device: { identifiers: ['hall'], name: 'Hall Motion' },
    });
    mqtt.deliver('z2m/hall', { occupancy: true });
    expect(states.get('binary_sensor.hall_motion')?.state).toBe('on');
    mqtt.deliver('z2m/hall', { occupancy: false });
    expect(states.get('binary_sensor.hall_motion')?.state).toBe('off');
  });
});

describe('MQTT discovery: the default light schema and timed states', () => {
  const defaultLight = {
    name: 'Bench',
    unique_id: 'bench-1',
    command_topic: 'bench/set',
    state_topic: 'bench/state',
    brightness_command_topic: 'bench/brightness/set',
    brightness_state_topic: 'bench/brightness',
    brightness_scale: 100,
  };

  it('scales brightness both ways and sends ON after the brightness (on_command_type last)', async () => {
    const { mqtt, states, controllers } = setup();
    mqtt.deliver('homeassistant/light/bench/config', defaultLight);
    mqtt.deliver('bench/state', 'OFF');
    mqtt.onPublish = (topic, payload) => {
      if (topic === 'bench/brightness/set') mqtt.deliver('bench/brightness', payload);
      if (topic === 'bench/set') mqtt.deliver('bench/state', payload);
    };
    await controllers
      .get<LightController>('light', 'light.bench')
      ?.turnOn({ brightness: 128 }, createContext(0));
    expect(mqtt.published.slice(-2).map((p) => `${p.topic}=${p.payload}`)).toEqual([
      'bench/brightness/set=50',
      'bench/set=ON',
    ]);
    expect(states.get('light.bench')).toMatchObject({
      state: 'on',
      attributes: { brightness: 128, color_mode: 'brightness' },
    });
  });

  it('sends ON first with on_command_type first, and only the brightness with on_command_type brightness', async () => {
    for (const [type, expected] of [
      ['first', ['bench/set=ON', 'bench/brightness/set=100']],
      ['brightness', ['bench/brightness/set=100']],
    ] as const) {
      const { mqtt, controllers } = setup();
      mqtt.deliver('homeassistant/light/bench/config', {
        ...defaultLight,
        optimistic: true,
        on_command_type: type,
      });
      const before = mqtt.published.length;
      await controllers
        .get<LightController>('light', 'light.bench')
        ?.turnOn({ brightness: 255 }, createContext(0));
      expect(mqtt.published.slice(before).map((p) => `${p.topic}=${p.payload}`)).toEqual(expected);
    }
  });

  it('turns a binary sensor off after off_delay', () => {
    const { mqtt, states, clock } = setup();
    mqtt.deliver('homeassistant/binary_sensor/bell/config', {
      name: 'Bell',
      state_topic: 'bell',
      off_delay: 5,
      unique_id: 'bell',
    });
    mqtt.deliver('bell', 'ON');
    expect(states.get('binary_sensor.bell')?.state).toBe('on');
    clock.advance(4999);
    expect(states.get('binary_sensor.bell')?.state).toBe('on');
    clock.advance(1);
    expect(states.get('binary_sensor.bell')?.state).toBe('off');
  });

  it('makes a sensor unavailable after expire_after without an update', () => {
    const { mqtt, states, clock } = setup();
    mqtt.deliver('homeassistant/sensor/t/config', {
      name: 'T',
      state_topic: 't',
      expire_after: 60,
      unique_id: 't',
    });
    mqtt.deliver('t', '20');
    clock.advance(59_000);
    mqtt.deliver('t', '21');
    clock.advance(59_000);
    expect(states.get('sensor.t')?.state).toBe('21');
    clock.advance(1000);
    expect(states.get('sensor.t')?.state).toBe('unavailable');
  });
});
