import { afterEach, describe, expect, it } from 'vitest';
import { SIM_USAGE, simCommand } from '../../device-sim/sim-command.ts';
import { MqttObserver } from './mqtt-observer.ts';
import { startTestBroker, type TestBroker } from './test-broker.ts';

/** Captures what the command writes, and lets a test wait for a line. */
function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let onOut: (() => void) | undefined;
  return {
    out,
    err,
    controller,
    io: {
      stdout: (text: string) => {
        out.push(text);
        onOut?.();
      },
      stderr: (text: string) => void err.push(text),
      signal: controller.signal,
    },
    waitForLine: (pattern: RegExp, timeoutMs = 10_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern}: ${out.join('')}`)),
          timeoutMs,
        );
        onOut = () => {
          const line = out.find((text) => pattern.test(text));
          if (line === undefined) return;
          clearTimeout(timer);
          onOut = undefined;
          resolve(line);
        };
        onOut();
      }),
  };
}

describe('hearth sim', () => {
  let broker: TestBroker | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  it('prints its usage for --help and exits 0', async () => {
    const capture = captureIo();
    expect(await simCommand(['--help'], capture.io)).toBe(0);
    expect(capture.out.join('')).toBe(SIM_USAGE);
    expect(capture.err).toEqual([]);
  });

  it.each([
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['--house', 'demo'], /--mqtt-url is required/],
    [['--mqtt-url', 'http://127.0.0.1:1883'], /--mqtt-url must look like mqtt:\/\/host:port/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--house', 'castle'], /--house must be demo or none/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--devices', 'many'], /--devices must be a number/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--devices=-3'], /--devices must be 0 or more/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--devices', '-3'], /argument is ambiguous/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--devices', '2.5'], /--devices must be a whole number/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', 'extra'], /Unexpected argument 'extra'/],
    [['--mqtt-url'], /argument missing/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--fault', 'kitchen-plug'], /expected <device>=<fault>/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--fault', 'kitchen-plug=melt'], /expected drop, delay:MS/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--fault', 'kitchen-plug=delay'], /delay needs milliseconds/],
    [['--mqtt-url', 'mqtt://127.0.0.1:1', '--fault', 'attic=drop'], /--fault: no device "attic"/],
    [
      ['--mqtt-url', 'mqtt://127.0.0.1:1', '--house', 'none', '--fault', 'kitchen-plug=drop'],
      /no device "kitchen-plug" \(devices: none\)/,
    ],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const capture = captureIo();
    expect(await simCommand(args, capture.io)).toBe(2);
    expect(capture.err).toHaveLength(1);
    expect(capture.err[0]).toMatch(message);
    expect(capture.err[0]?.trimEnd()).not.toContain('\n');
    expect(capture.out).toEqual([]);
  });

  it('documents --fault and every fault kind in its usage', () => {
    for (const word of ['--fault DEVICE=FAULT', 'drop', 'delay:MS', 'wrong', 'offline', 'flap:MS'])
      expect(SIM_USAGE).toContain(word);
  });

  it('injects the faults of repeated --fault flags once the house is online', async () => {
    broker = await startTestBroker();
    const watcher = await MqttObserver.connect(broker.url, [
      'hearth/kitchen-plug/availability',
      'tele/heater-plug/LWT',
      'hearth/living-room-lamp',
    ]);
    const capture = captureIo();
    const exit = simCommand(
      [
        '--mqtt-url',
        broker.url,
        '--no-liveliness',
        '--fault',
        'kitchen-plug=offline',
        '--fault',
        'heater-plug=offline',
        '--fault',
        'living-room-lamp=wrong',
      ],
      capture.io,
    );
    await capture.waitForLine(/devices online/);
    expect(capture.out.join('')).toContain('kitchen-plug: fault offline\n');
    expect(capture.out.join('')).toContain('living-room-lamp: fault wrong\n');
    // Subscribed before the simulator started: delivered live, not flagged retained.
    await watcher.waitFor((message) => message.payload === 'offline');
    await watcher.waitFor((message) => message.payload === 'Offline');
    await watcher.publish('hearth/living-room-lamp/set', '{"brightness":150}');
    await watcher.waitFor((message) => message.payload.includes('"brightness":110'));
    capture.controller.abort();
    expect(await exit).toBe(0);
    await watcher.close();
  });

  it('exits 1 when the broker cannot be reached', async () => {
    broker = await startTestBroker();
    const url = broker.url;
    await broker.close();
    broker = undefined;
    const capture = captureIo();
    expect(await simCommand(['--mqtt-url', url, '--no-liveliness'], capture.io)).toBe(1);
    expect(capture.err.join('')).toMatch(/^hearth sim: MQTT connection to 127\.0\.0\.1:\d+ failed/);
  });

  it('brings --devices 50 online, logs commands, and publishes offline for each on stop', async () => {
    broker = await startTestBroker();
    const watcher = await MqttObserver.connect(broker.url, ['hearth/+/availability']);
    const capture = captureIo();
    const exit = simCommand(
      ['--mqtt-url', broker.url, '--house', 'none', '--devices', '50', '--no-liveliness'],
      capture.io,
    );
    const ready = await capture.waitForLine(/devices online/);
    expect(ready).toBe(`hearth sim: 50 devices online at ${broker.url}\n`);
    const online = await watcher.waitFor((message) => message.payload === 'online', 50);
    expect(new Set(online.map((message) => message.topic)).size).toBe(50);

    await watcher.publish('hearth/load-switch-0002/set', 'ON');
    await capture.waitForLine(/load-switch-0002 <- ON/);

    capture.controller.abort();
    expect(await exit).toBe(0);
    await watcher.waitFor((message) => message.payload === 'offline', 50);
    await watcher.close();
  });
});
