import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedMotionSensor } from '../../device-sim/devices/motion-sensor.ts';
import { type Simulator, startSimulator } from '../../device-sim/simulator.ts';
import { GOODBYE_GRACE_MS } from '../../hub/protocol/mqtt-goodbye.ts';
import {
  AVAILABILITY_FILTERS,
  DEMO_AVAILABILITY,
  DEMO_DEVICES,
  DEMO_DISCOVERY_TOPICS,
  DEMO_ENTITIES,
  entityIdOf,
  isOffline,
  isOnline,
} from './demo-entities.ts';
import { ManualClock, seededRandom } from './manual-clock.ts';
import { MqttObserver, settle } from './mqtt-observer.ts';
import { startTestBroker, type TestBroker } from './test-broker.ts';

describe('startSimulator against a real aedes broker', () => {
  let broker: TestBroker;
  let simulator: Simulator | undefined;
  let observer: MqttObserver | undefined;
  const logs: string[] = [];

  async function start(options: { devices?: number; house?: 'demo' | 'none' } = {}): Promise<Simulator> {
    broker = await startTestBroker();
    simulator = await startSimulator({
      mqttUrl: broker.url,
      liveliness: false,
      log: (line) => logs.push(line),
      ...options,
    });
    return simulator;
  }

  async function observe(...topics: string[]): Promise<MqttObserver> {
    observer = await MqttObserver.connect(broker.url, topics);
    return observer;
  }

  afterEach(async () => {
    await observer?.close();
    await simulator?.stop();
    await broker?.close();
    observer = undefined;
    simulator = undefined;
    logs.length = 0;
  });

  it('leaves a retained discovery config for every demo entity, QoS 1', async () => {
    await start();
    const watcher = await observe('homeassistant/#');
    const configs = await watcher.waitFor(
      (message) => message.topic.endsWith('/config'),
      DEMO_DISCOVERY_TOPICS.length,
    );
    expect(configs.map((message) => message.topic).sort()).toEqual([...DEMO_DISCOVERY_TOPICS].sort());
    expect(configs.every((message) => message.retain)).toBe(true);

    const config = (topic: string): Record<string, unknown> =>
      JSON.parse(configs.find((message) => message.topic === topic)?.payload ?? '{}') as Record<
        string,
        unknown
      >;
    // Every entity gets the id the demo house promises.
    expect(configs.map((message) => entityIdOf(message.topic, config(message.topic))).sort()).toEqual(
      DEMO_ENTITIES.map((entity) => entity.entityId).sort(),
    );

    expect(config('homeassistant/light/living-room-lamp/light/config')).toEqual({
      name: null,
      unique_id: 'hearth-sim-living-room-lamp-light',
      object_id: 'living_room_lamp',
      schema: 'json',
      state_topic: 'hearth/living-room-lamp',
      command_topic: 'hearth/living-room-lamp/set',
      brightness: true,
      brightness_scale: 255,
      supported_color_modes: ['color_temp', 'hs'],
      min_mireds: 153,
      max_mireds: 500,
      availability: [{ topic: 'hearth/living-room-lamp/availability' }],
      device: {
        identifiers: ['hearth-sim-living-room-lamp'],
        name: 'Living Room Lamp',
        manufacturer: 'hearth',
        model: 'Simulated colour light',
        sw_version: '0.1.0',
        suggested_area: 'Living Room',
      },
      origin: { name: 'hearth-sim' },
    });
    expect(config('homeassistant/light/living-room-ceiling/light/config')).toMatchObject({
      supported_color_modes: ['brightness'],
      object_id: 'living_room_ceiling',
    });
    // The climate sensor is an ESPHome node now: abbreviated keys, one topic per sensor.
    expect(config('homeassistant/sensor/living-room-climate/temperature/config')).toEqual({
      dev_cla: 'temperature',
      unit_of_meas: '°C',
      stat_cla: 'measurement',
      name: 'Temperature',
      stat_t: 'living-room-climate/sensor/temperature/state',
      avty_t: 'living-room-climate/status',
      uniq_id: 'a4cf12283d9f-sensor-ca3e9dd9',
      obj_id: 'living-room-climate_temperature',
      dev: {
        ids: 'a4cf12283d9f',
        name: 'Living Room Climate',
        sw: 'esphome v2024.12.4 Dec 20 2024, 10:00:00',
        mdl: 'esp32dev',
        mf: 'espressif',
        sa: 'Living Room',
      },
    });
    expect(config('homeassistant/sensor/living-room-climate/humidity/config')).toMatchObject({
      dev_cla: 'humidity',
      unit_of_meas: '%',
    });
    expect(config('homeassistant/binary_sensor/hallway-motion/occupancy/config')).toMatchObject({
      device_class: 'motion',
      value_template: '{{ value_json.occupancy }}',
      payload_on: true,
      payload_off: false,
      object_id: 'hallway_motion',
    });
    expect(config('homeassistant/binary_sensor/hallway-door/contact/config')).toMatchObject({
      device_class: 'door',
      value_template: "{{ 'OFF' if value_json.contact else 'ON' }}",
      payload_on: 'ON',
      payload_off: 'OFF',
      object_id: 'hallway_door',
    });
    // Areas come from Zigbee2MQTT's and ESPHome's device blocks; Tasmota's carries none.
    const areas = new Set(
      configs.map((message) => {
        const parsed = JSON.parse(message.payload) as {
          device?: { suggested_area?: string };
          dev?: { sa?: string };
        };
        return parsed.device?.suggested_area ?? parsed.dev?.sa;
      }),
    );
    expect(areas).toEqual(new Set(['Living Room', 'Kitchen', 'Hallway', 'Bedroom', 'Office', undefined]));
  });

  it("marks every device online (retained) on its dialect's topic, with its own client id", async () => {
    const ids: string[] = [];
    broker = await startTestBroker();
    broker.broker.on('client', (client) => ids.push(client.id));
    simulator = await startSimulator({ mqttUrl: broker.url, liveliness: false });
    const watcher = await observe(...AVAILABILITY_FILTERS);
    const online = await watcher.waitFor((message) => isOnline(message.payload), DEMO_DEVICES.length);
    expect(online.every((message) => message.retain)).toBe(true);
    expect(online.map((message) => `${message.topic} ${message.payload}`).sort()).toEqual(
      DEMO_AVAILABILITY.map((entry) => `${entry.topic} ${entry.online}`).sort(),
    );
    expect(ids.filter((id) => id.startsWith('hearth-sim-')).sort()).toEqual(
      DEMO_DEVICES.map((device) => `hearth-sim-${device}`).sort(),
    );
  });

  it('applies a /set command to the colour light and publishes its new state, not retained', async () => {
    const sim = await start();
    const watcher = await observe('hearth/living-room-lamp');
    await watcher.publish(
      'hearth/living-room-lamp/set',
      JSON.stringify({ state: 'ON', brightness: 128, color: { h: 30, s: 80 } }),
    );
    const [reported] = await watcher.waitFor((message) => message.payload.includes('"hs"'));
    expect(reported?.retain).toBe(false);
    expect(JSON.parse(reported?.payload ?? '')).toEqual({
      state: 'ON',
      brightness: 128,
      color_mode: 'hs',
      color: { h: 30, s: 80 },
      color_temp: 370,
    });
    expect(sim.devices.get('living-room-lamp')?.state).toMatchObject({ state: 'ON', brightness: 128 });
    expect(logs).toContain('living-room-lamp <- {"state":"ON","brightness":128,"color":{"h":30,"s":80}}');
  });

  it('turns the light back on at its previous brightness', async () => {
    await start();
    const watcher = await observe('hearth/living-room-ceiling');
    await watcher.publish('hearth/living-room-ceiling/set', '{"state":"ON","brightness":77}');
    await watcher.publish('hearth/living-room-ceiling/set', '{"state":"OFF"}');
    await watcher.publish('hearth/living-room-ceiling/set', '{"state":"ON"}');
    const states = await watcher.waitFor(() => true, 3);
    expect(states.map((message) => JSON.parse(message.payload))).toEqual([
      { state: 'ON', brightness: 77 },
      { state: 'OFF', brightness: 77 },
      { state: 'ON', brightness: 77 },
    ]);
  });

  it('switches the plug with a bare ON and reports its power', async () => {
    await start();
    const watcher = await observe('hearth/kitchen-plug');
    await watcher.publish('hearth/kitchen-plug/set', 'OFF');
    await watcher.waitFor((message) => message.payload === '{"state":"OFF","power":0}');
    await watcher.publish('hearth/kitchen-plug/set', 'ON');
    await watcher.waitFor((message) => message.payload === '{"state":"ON","power":85}');
    await watcher.publish('hearth/kitchen-plug/set', '{"state":"OFF"}');
    await watcher.waitFor((message) => message.payload === '{"state":"OFF","power":0}', 2);
  });

  it('logs garbage commands once, ignores them and keeps serving', async () => {
    await start();
    const watcher = await observe('hearth/+');
    await watcher.publish('hearth/living-room-lamp/set', '{"brightness":');
    await watcher.publish('hearth/living-room-lamp/set', '{"brightness":9000}');
    await watcher.publish('hearth/hallway-motion/set', '{"temperature":30}');
    await watcher.publish('hearth/living-room-lamp/set', '{"state":"ON"}');
    await watcher.waitFor((message) => message.topic === 'hearth/living-room-lamp');
    await settle(50);
    expect(watcher.messages.map((message) => message.topic)).toEqual(['hearth/living-room-lamp']);
    expect(logs).toEqual([
      'living-room-lamp <- {"brightness": ignored: not JSON: {"brightness":',
      'living-room-lamp <- {"brightness":9000} ignored: brightness: Too big: expected number to be <=255',
      'hallway-motion <- {"temperature":30} ignored: a sensor has nothing to set',
      'living-room-lamp <- {"state":"ON"}',
    ]);
  });

  it("answers Home Assistant's birth as each firmware does", async () => {
    await start();
    const watcher = await observe('homeassistant/#', ...AVAILABILITY_FILTERS, 'hearth/+', 'tele/+/STATE');
    await watcher.waitFor((message) => message.topic.endsWith('/config'), DEMO_DISCOVERY_TOPICS.length);
    watcher.clear();
    await watcher.publish('homeassistant/status', 'online');
    // Zigbee2MQTT announces again: discovery (not flagged retained on an existing subscription,
    // [MQTT-3.3.1-9]), availability, state.
    const z2m = DEMO_ENTITIES.filter((entity) => entity.dialect === 'zigbee2mqtt');
    const z2mDevices = new Set(z2m.map((entity) => entity.device));
    const fresh = await watcher.waitFor((message) => message.topic.endsWith('/config'), z2m.length);
    expect(fresh.map((message) => message.topic).sort()).toEqual(z2m.map((entity) => entity.topic).sort());
    await watcher.waitFor(
      (message) => message.topic.endsWith('/availability') && message.payload === 'online',
      z2mDevices.size,
    );
    await watcher.waitFor((message) => /^hearth\/[^/]+$/.test(message.topic), z2mDevices.size);
    // Tasmota publishes its state (`HAssMqttLWT`); ESPHome, whose states are retained, does nothing.
    await watcher.waitFor(
      (message) => message.topic.startsWith('tele/') && message.topic.endsWith('/STATE'),
      2,
    );
    await settle(100);
    // (Retained statuses may still trickle in from subscribing; a fresh one would not be flagged.)
    const esphomeStatus = (topic: string) => topic.endsWith('/status') && topic !== 'homeassistant/status';
    expect(watcher.messages.filter((message) => esphomeStatus(message.topic) && !message.retain)).toEqual([]);
  });

  it('ignores a birth message that says offline', async () => {
    await start();
    const watcher = await observe('homeassistant/#');
    await watcher.waitFor(() => true, DEMO_DISCOVERY_TOPICS.length);
    watcher.clear();
    await watcher.publish('homeassistant/status', 'offline');
    await settle(100);
    expect(watcher.messages.filter((message) => message.topic.endsWith('/config'))).toEqual([]);
  });

  it('does not announce twice for a retained birth found on connecting', async () => {
    broker = await startTestBroker();
    const early = await MqttObserver.connect(broker.url, []);
    await early.publish('homeassistant/status', 'online', { retain: true });
    await early.close();
    let configs = 0;
    broker.broker.on('publish', (packet, client) => {
      if (client?.id.startsWith('hearth-sim-') && packet.topic.endsWith('/config')) configs++;
    });
    simulator = await startSimulator({ mqttUrl: broker.url, liveliness: false });
    await settle(100);
    expect(configs).toBe(DEMO_DISCOVERY_TOPICS.length);
  });

  it('goes offline through the last will when killed', async () => {
    const sim = await start();
    const count = DEMO_DEVICES.length;
    const watcher = await observe(...AVAILABILITY_FILTERS);
    await watcher.waitFor((message) => isOnline(message.payload), count);
    watcher.clear();
    await sim.kill();
    const offline = await watcher.waitFor((message) => isOffline(message.payload), count);
    expect(offline.map((message) => `${message.topic} ${message.payload}`).sort()).toEqual(
      DEMO_AVAILABILITY.map((entry) => `${entry.topic} ${entry.offline}`).sort(),
    );
    // The will is retained: a client arriving later still sees the devices offline.
    const late = await MqttObserver.connect(broker.url, AVAILABILITY_FILTERS);
    const retained = await late.waitFor((message) => message.retain && isOffline(message.payload), count);
    expect(retained).toHaveLength(count);
    await late.close();
  });

  it('publishes offline for every device when stopped cleanly', async () => {
    const sim = await start();
    const count = DEMO_DEVICES.length;
    const watcher = await observe(...AVAILABILITY_FILTERS);
    await watcher.waitFor((message) => isOnline(message.payload), count);
    watcher.clear();
    await sim.stop();
    await watcher.waitFor((message) => isOffline(message.payload), count);
    await sim.stop();
  });

  it('stops all the same when the broker never acknowledges the goodbye, and says so once', async () => {
    const sim = await start({ house: 'none', devices: 3 });
    // A broker going away at the same moment: it takes the PUBLISH and never answers PUBACK.
    broker.broker.authorizePublish = () => {};
    await sim.stop();
    expect(logs.filter((line) => line.includes('no answer'))).toEqual([
      `3 of 3 devices could not say offline (no broker, or no answer in ${GOODBYE_GRACE_MS} ms): dropped their connections`,
    ]);
  });

  it('brings 50 more devices online with devices: 50', async () => {
    const sim = await start({ devices: 50 });
    expect(sim.devices.size).toBe(DEMO_DEVICES.length + 50);
    const watcher = await observe('hearth/+/availability', 'homeassistant/#');
    const online = await watcher.waitFor(
      (message) => message.topic.startsWith('hearth/load-') && message.payload === 'online',
      50,
    );
    expect(new Set(online.map((message) => message.topic)).size).toBe(50);
    const [lightConfig] = await watcher.waitFor(
      (message) => message.topic === 'homeassistant/light/load-light-0001/light/config',
    );
    expect(JSON.parse(lightConfig?.payload ?? '{}')).toMatchObject({
      object_id: 'load_light_0001',
      device: { suggested_area: 'Living Room', manufacturer: 'hearth' },
    });
  });

  it('stays silent when a device is unreachable, so a command can time out', async () => {
    const sim = await start();
    sim.devices.get('living-room-ceiling')?.setReachable(false);
    const watcher = await observe('hearth/living-room-ceiling');
    await watcher.publish('hearth/living-room-ceiling/set', '{"state":"OFF"}');
    await settle(100);
    expect(watcher.messages).toEqual([]);
    expect(logs).toEqual(['living-room-ceiling <- {"state":"OFF"} ignored: device unreachable']);
  });

  it('drives liveliness from the injected clock through one shared ticker', async () => {
    broker = await startTestBroker();
    const clock = new ManualClock();
    simulator = await startSimulator({
      mqttUrl: broker.url,
      clock,
      random: seededRandom(9),
      liveliness: true,
    });
    expect(clock.pendingTimers).toBe(1);
    const temperature = 'living-room-climate/sensor/temperature/state';
    const watcher = await observe(temperature, 'hearth/hallway-motion');
    clock.advance(30_000);
    // ESPHome retains its states: the first message is the retained one, then the drift.
    await watcher.waitFor((message) => message.topic === temperature, 3);
    const motion = simulator.devices.get('hallway-motion') as SimulatedMotionSensor;
    motion.setOccupancy(true);
    await watcher.waitFor((message) => message.payload === '{"occupancy":true}');
    await simulator.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('sets no timer of its own when liveliness is off', async () => {
    broker = await startTestBroker();
    const clock = new ManualClock();
    simulator = await startSimulator({ mqttUrl: broker.url, clock, liveliness: false, devices: 20 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects when the broker cannot be reached', async () => {
    broker = await startTestBroker();
    const url = broker.url;
    await broker.close();
    await expect(startSimulator({ mqttUrl: url, liveliness: false })).rejects.toThrow(/failed/);
    broker = await startTestBroker();
  });
});
