import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { piBridgeConfig } from '../../../firmware-bridge/pack/pi-bridge-config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-pi-config-'));
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('piBridgeConfig', () => {
  it('is undefined without --config or --mqtt-url', () => {
    expect(piBridgeConfig({})).toBeUndefined();
  });

  it('makes a config of --mqtt-url alone, with the default port, and says so', () => {
    const made = piBridgeConfig({ mqttUrl: 'mqtt://hub.local:1883' });
    expect(made?.config).toEqual({
      mqttUrl: 'mqtt://hub.local:1883',
      ports: [{ path: '/dev/ttyACM0', protocol: 'jsonl' }],
    });
    expect(made?.text).toBe(`${JSON.stringify(made?.config, null, 2)}\n`);
    expect(made?.notes).toEqual(['serial port: /dev/ttyACM0 (jsonl); put "ports" in --config for others']);
  });

  it('keeps the file as written, defaults left out, with --mqtt-url over its broker', () => {
    const config = {
      id: 'shed',
      mqttUrl: 'mqtt://old:1883',
      ports: [{ path: '/dev/ttyUSB0', protocol: 'jsonl' }],
    };
    const made = piBridgeConfig({
      config: file('a.json', JSON.stringify(config)),
      mqttUrl: 'mqtt://new:1883',
    });
    expect(made?.config).toEqual({ ...config, mqttUrl: 'mqtt://new:1883' });
    expect(made?.notes).toEqual([]);
  });

  it('warns that a loopback broker is the Pi itself', () => {
    expect(piBridgeConfig({ mqttUrl: 'mqtt://127.0.0.1:1883' })?.notes).toContainEqual(
      expect.stringMatching(/loopback: on the Pi that is the Pi itself/),
    );
  });

  it.each([
    [{ config: '/nonexistent.json' }, /--config: cannot read \/nonexistent\.json/],
    [{ config: 'bad.json' }, /is not JSON/],
    [{ config: 'array.json' }, /must hold a JSON object/],
    [
      { config: 'nobroker.json' },
      /the bridge needs its broker: give --mqtt-url URL, or "mqttUrl" in --config/,
    ],
    [{ config: 'badport.json' }, /config\.ports\.0\.protocol: .*, got "rs485"/],
  ])('refuses %j, saying where', (flags, message) => {
    file('bad.json', '{');
    file('array.json', '[]');
    file('nobroker.json', '{}');
    file(
      'badport.json',
      JSON.stringify({ mqttUrl: 'mqtt://h:1883', ports: [{ path: '/dev/x', protocol: 'rs485' }] }),
    );
    const resolved = flags.config.startsWith('/') ? flags.config : path.join(dir, flags.config);
    expect(() => piBridgeConfig({ config: resolved })).toThrow(message);
  });
});
