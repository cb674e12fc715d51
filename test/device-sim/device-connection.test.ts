import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceFault } from '../../device-sim/device-fault.ts';
import { type Simulator, startSimulator, UnknownDeviceError } from '../../device-sim/simulator.ts';
import { ManualClock } from './manual-clock.ts';
import { MqttObserver, settle } from './mqtt-observer.ts';
import { startTestBroker, type TestBroker } from './test-broker.ts';

/** The demo house on a real aedes broker, devices on a clock that moves only when told. */
describe('DeviceConnection: each dialect, and each fault, on the wire', () => {
  let broker: TestBroker;
  let simulator: Simulator | undefined;
  let observer: MqttObserver | undefined;
  const logs: string[] = [];
  const clock = new ManualClock();

  async function start(faults: Record<string, DeviceFault> = {}): Promise<Simulator> {
    broker = await startTestBroker();
    simulator = await startSimulator({
      mqttUrl: broker.url,
      liveliness: false,
      clock,
      faults: new Map(Object.entries(faults)),
      log: (line) => logs.push(line),
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

  it('Tasmota: answers cmnd/<t>/POWER on stat/RESULT, stat/POWER and tele/STATE, none retained', async () => {
    await start();
    const watcher = await observe('stat/heater-plug/+', 'tele/heater-plug/STATE');
    await watcher.publish('cmnd/heater-plug/POWER', 'ON');
    const [result] = await watcher.waitFor((message) => message.topic === 'stat/heater-plug/RESULT');
    expect(JSON.parse(result?.payload ?? '')).toEqual({ POWER: 'ON' });
    await watcher.waitFor(
      (message) => message.topic === 'stat/heater-plug/POWER' && message.payload === 'ON',
    );
    await watcher.waitFor(
      (message) => message.topic === 'tele/heater-plug/STATE' && JSON.parse(message.payload).POWER === 'ON',
    );
    expect(watcher.messages.some((message) => message.retain)).toBe(false);
    expect(logs).toContain('heater-plug <- cmnd/heater-plug/POWER ON');
  });

  it('Tasmota: dims the RGBCCT bulb with Dimmer alone, as Home Assistant sends it', async () => {
    await start();
    const watcher = await observe('tele/bedroom-bulb/STATE');
    await watcher.publish('cmnd/bedroom-bulb/Dimmer', '40');
    await watcher.waitFor((message) => {
      const state = JSON.parse(message.payload) as { POWER?: string; Dimmer?: number };
      return state.POWER === 'ON' && state.Dimmer === 40;
    });
  });

  it('ESPHome: takes a fan speed on speed_level/command and reports each attribute, retained', async () => {
    await start();
    const watcher = await observe('bedroom/fan/ceiling_fan/#');
    await watcher.publish('bedroom/fan/ceiling_fan/speed_level/command', '2');
    await watcher.waitFor(
      (message) => message.topic === 'bedroom/fan/ceiling_fan/speed_level/state' && message.payload === '2',
    );
    const [state] = await watcher.waitFor(
      (message) => message.topic === 'bedroom/fan/ceiling_fan/state' && message.payload === 'ON',
    );
    expect(state?.retain).toBe(false); // delivered live [MQTT-3.3.1-9]; kept by the broker:
    const late = await MqttObserver.connect(broker.url, ['bedroom/fan/ceiling_fan/speed_level/state']);
    const [kept] = await late.waitFor((message) => message.retain);
    expect(kept?.payload).toBe('2');
    await late.close();
  });

  it('ESPHome: locks through LOCKING to LOCKED on the device clock', async () => {
    await start();
    const watcher = await observe('front-door/lock/lock/state');
    await watcher.waitFor((message) => message.payload === 'LOCKED');
    await watcher.publish('front-door/lock/lock/command', 'UNLOCK');
    await watcher.waitFor((message) => message.payload === 'UNLOCKING');
    clock.advance(2000);
    await watcher.waitFor((message) => message.payload === 'UNLOCKED');
  });

  it('ESPHome: restarts on the restart button, offline then online, announced again', async () => {
    await start();
    const watcher = await observe('office/status', 'homeassistant/button/office/restart/config');
    await watcher.waitFor((message) => message.topic === 'office/status' && message.payload === 'online');
    watcher.clear();
    await watcher.publish('office/button/restart/command', 'PRESS');
    await watcher.waitFor((message) => message.payload === 'offline');
    clock.advance(3000);
    await watcher.waitFor((message) => message.payload === 'online');
    expect(logs).toEqual(expect.arrayContaining(['office: restarting', 'office: offline', 'office: online']));
  });

  it('Zigbee2MQTT: takes one attribute on /set/<attribute>', async () => {
    await start();
    const watcher = await observe('hearth/bedroom-radiator');
    await watcher.publish('hearth/bedroom-radiator/set/current_heating_setpoint', '22.5');
    const [report] = await watcher.waitFor((message) => message.payload.includes('22.5'));
    expect(JSON.parse(report?.payload ?? '')).toMatchObject({
      current_heating_setpoint: 22.5,
      preset: 'none',
    });
    expect(logs).toContain('bedroom-radiator <- hearth/bedroom-radiator/set/current_heating_setpoint 22.5');
  });

  it('Zigbee2MQTT: moves the blind over a few seconds, opening then stopped', async () => {
    await start();
    const watcher = await observe('hearth/living-room-blind');
    await watcher.publish('hearth/living-room-blind/set', '{"position":40}');
    await watcher.waitFor((message) => JSON.parse(message.payload).motor_state === 'closing');
    clock.advance(5000);
    const [last] = await watcher.waitFor((message) => JSON.parse(message.payload).motor_state === 'stopped');
    expect(JSON.parse(last?.payload ?? '')).toEqual({ state: 'OPEN', position: 40, motor_state: 'stopped' });
  });

  it('fault offline: publishes offline (retained) once announced, and ignores commands', async () => {
    await start({ 'kitchen-plug': { kind: 'offline' }, 'heater-plug': { kind: 'offline' } });
    const watcher = await observe(
      'hearth/kitchen-plug/availability',
      'tele/heater-plug/LWT',
      'hearth/kitchen-plug',
    );
    await watcher.waitFor((message) => message.retain && message.payload === 'offline');
    await watcher.waitFor((message) => message.retain && message.payload === 'Offline');
    await watcher.publish('hearth/kitchen-plug/set', 'OFF');
    await settle(100);
    expect(watcher.on('hearth/kitchen-plug')).toEqual([]);
    expect(logs).toEqual(
      expect.arrayContaining(['kitchen-plug: fault offline', 'kitchen-plug <- OFF ignored: device offline']),
    );
    // Cleared: online again, and its state follows.
    simulator?.devices.get('kitchen-plug')?.setFault({ kind: 'none' });
    await watcher.waitFor(
      (message) => message.topic.endsWith('/availability') && message.payload === 'online',
    );
    await watcher.waitFor((message) => message.topic === 'hearth/kitchen-plug');
  });

  it('fault flap: goes offline and online on the device clock', async () => {
    await start({ 'bedroom-bulb': { kind: 'flap', ms: 1000 } });
    const watcher = await observe('tele/bedroom-bulb/LWT');
    await watcher.waitFor((message) => message.payload === 'Online');
    watcher.clear();
    clock.advance(1000);
    await watcher.waitFor((message) => message.payload === 'Offline');
    clock.advance(1000);
    await watcher.waitFor((message) => message.payload === 'Online');
    clock.advance(2000);
    await watcher.waitFor((message) => message.payload === 'Offline', 2);
  });

  it('fault delay: answers only once the delay has passed', async () => {
    await start({ 'living-room-ceiling': { kind: 'delay', ms: 2000 } });
    const watcher = await observe('hearth/living-room-ceiling');
    await watcher.publish('hearth/living-room-ceiling/set', '{"brightness":60}');
    await settle(100);
    expect(watcher.messages.filter((message) => message.payload.includes('"brightness":60'))).toEqual([]);
    expect(logs).toContain('living-room-ceiling <- {"brightness":60} (in 2000 ms)');
    clock.advance(2000);
    await watcher.waitFor((message) => message.payload === '{"state":"ON","brightness":60}');
  });

  it('fault wrong: reports a brightness 40 off what was asked', async () => {
    await start({ 'living-room-lamp': { kind: 'wrong' } });
    const watcher = await observe('hearth/living-room-lamp');
    await watcher.publish('hearth/living-room-lamp/set', '{"state":"ON","brightness":150}');
    const [report] = await watcher.waitFor((message) => message.payload.includes('"state":"ON"'));
    expect(JSON.parse(report?.payload ?? '')).toMatchObject({ brightness: 110 });
  });

  it('fault drop: ESPHome stays online and silent', async () => {
    await start({ bedroom: { kind: 'drop' } });
    const watcher = await observe('bedroom/fan/ceiling_fan/state');
    await watcher.waitFor(() => true);
    watcher.clear();
    await watcher.publish('bedroom/fan/ceiling_fan/command', 'ON');
    await settle(100);
    expect(watcher.messages).toEqual([]);
    expect(logs).toContain('bedroom <- bedroom/fan/ceiling_fan/command ON ignored: device unreachable');
  });

  it('refuses a fault for a device it does not have, before connecting anything', async () => {
    broker = await startTestBroker();
    let clients = 0;
    broker.broker.on('client', () => clients++);
    await expect(
      startSimulator({
        mqttUrl: broker.url,
        liveliness: false,
        faults: new Map([['attic', { kind: 'drop' }]]),
      }),
    ).rejects.toThrow(UnknownDeviceError);
    expect(clients).toBe(0);
  });
});
