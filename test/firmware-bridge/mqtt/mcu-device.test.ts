import { describe, expect, it } from 'vitest';
import type { McuCommand, McuDriver } from '../../../firmware-bridge/mcu/mcu-driver.ts';
import { bridgeTopics } from '../../../firmware-bridge/mqtt/bridge-topics.ts';
import { McuDevice } from '../../../firmware-bridge/mqtt/mcu-device.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { FakeClock } from '../../hub/core/fake-clock.ts';

function device() {
  const published = new Map<string, string>();
  const sent: McuCommand[] = [];
  const mcu = new McuDevice(
    {
      identity: {
        discoveryPrefix: 'homeassistant',
        topics: bridgeTopics('hearth-bridge', 'pi'),
        bridgeId: 'pi',
        bridgeName: 'Pi',
        mcuId: 'bench',
        configuredName: undefined,
      },
      diagnosticsIntervalMs: 1000,
      logger: silentLogger,
      clock: new FakeClock(),
    },
    (topic, payload) => published.set(topic, payload),
  );
  const driver: McuDriver = {
    attach() {},
    detach() {},
    stop() {},
    async command(_key, command) {
      sent.push(command);
      return true;
    },
  };
  mcu.use(driver);
  mcu.online({ name: 'Bench' });
  mcu.entity({ key: 'relay', component: 'switch', name: 'Relay' });
  mcu.entity({ key: 'lamp', component: 'light', name: 'Lamp', dimmable: true });
  mcu.entity({ key: 'level', component: 'sensor', unit: '%' });
  return { mcu, published, sent };
}

describe('McuDevice', () => {
  it('announces each entity with Home Assistant discovery, the MCU reached via the bridge', () => {
    const { published } = device();
    expect(JSON.parse(published.get('homeassistant/light/pi/bench_lamp/config') ?? '{}')).toEqual({
      name: 'Lamp',
      unique_id: 'pi_bench_lamp',
      default_entity_id: 'light.bench_lamp',
      state_topic: 'hearth-bridge/pi/bench/lamp',
      command_topic: 'hearth-bridge/pi/bench/lamp/set',
      schema: 'json',
      supported_color_modes: ['brightness'],
      qos: 1,
      availability: [
        { topic: 'hearth-bridge/pi/availability' },
        { topic: 'hearth-bridge/pi/bench/availability' },
      ],
      availability_mode: 'all',
      device: {
        identifiers: ['hearth-bridge-pi-bench'],
        name: 'Bench',
        manufacturer: 'hearth',
        model: 'Serial MCU',
        via_device: 'hearth-bridge-pi',
      },
    });
    expect(published.get('hearth-bridge/pi/bench/availability')).toBe('online');
  });

  it.each([
    ['relay', 'ON', { on: true }],
    ['relay', 'OFF', { on: false }],
    ['lamp', '{"state":"ON","brightness":128}', { on: true, brightness: 128 }],
    ['lamp', '{"state":"OFF"}', { on: false }],
    ['lamp', '{"brightness":40}', { on: true, brightness: 40 }],
    ['lamp', '{"state":"ON","brightness":0}', { on: false }],
  ])('turns %s %s into %j', async (key, payload, command) => {
    const { mcu, sent } = device();
    await mcu.command(key, payload);
    expect(sent).toEqual([command]);
  });

  it.each([
    ['relay', 'on'],
    ['lamp', 'ON'],
    ['lamp', '{"state":"ON","brightness":300}'],
    ['level', '5'],
    ['nothing', 'ON'],
  ])('sends %s nothing for %s', async (key, payload) => {
    const { mcu, sent } = device();
    await mcu.command(key, payload);
    expect(sent).toEqual([]);
  });

  it('publishes what the MCU reported, in each component’s payload', () => {
    const { mcu, published } = device();
    mcu.state('relay', { v: true });
    mcu.state('lamp', { v: true, bri: 90 });
    mcu.state('level', { v: 42.5 });
    expect(published.get('hearth-bridge/pi/bench/relay')).toBe('ON');
    expect(JSON.parse(published.get('hearth-bridge/pi/bench/lamp') ?? '')).toEqual({
      state: 'ON',
      brightness: 90,
      color_mode: 'brightness',
    });
    expect(published.get('hearth-bridge/pi/bench/level')).toBe('42.5');
  });
});
