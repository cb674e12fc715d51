import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-bridge-cli-'));
const config = (name: string, value: unknown): string => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

describe('hearth bridge on a bad command line or config', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['no broker', ['--port', '/dev/ttyACM0'], '--mqtt-url is required (or "mqttUrl" in --config)'],
    [
      'no port',
      ['--mqtt-url', 'mqtt://127.0.0.1:1883'],
      'flags.ports: no serial port: give --port or "ports" in --config',
    ],
    [
      'firmata without a pin map',
      ['--port', '/dev/ttyACM0', '--protocol', 'firmata', '--mqtt-url', 'mqtt://127.0.0.1:1883'],
      '--protocol firmata needs a pin map: put the port, with its "pins", in --config',
    ],
    [
      'an unknown protocol',
      ['--port', '/dev/ttyACM0', '--protocol', 'modbus', '--mqtt-url', 'mqtt://127.0.0.1:1883'],
      '--protocol must be jsonl or firmata, got "modbus"',
    ],
    ['a config that is not JSON', ['--config', config('broken.json', '{"ports": [')], 'is not JSON'],
    [
      'an analog pin by number',
      [
        '--config',
        config('pins.json', {
          mqttUrl: 'mqtt://127.0.0.1:1883',
          ports: [{ path: '/dev/ttyUSB0', protocol: 'firmata', pins: [{ mode: 'analog', pin: 14 }] }],
        }),
      ],
      'config.ports.0.pins.0.pin: Invalid input: expected string, received number, got 14',
    ],
  ])('%s: one line saying what is wrong, exit 2', async (_name, args, message) => {
    const result = await runCli(['bridge', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints its help', async () => {
    const result = await runCli(['bridge', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: hearth bridge --port PATH/);
  });
});
