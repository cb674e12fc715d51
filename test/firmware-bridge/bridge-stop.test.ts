import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MqttObserver } from '../device-sim/mqtt-observer.ts';
import { startTestBroker, type TestBroker } from '../device-sim/test-broker.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { startTestBridge } from '../helpers/start-test-bridge.ts';

/**
 * `systemctl stop` on the Pi while the hub's broker is going away at the same moment: the bridge
 * must still stop by itself, not hang waiting for an acknowledgement until systemd kills it.
 */
describe('hearth bridge on SIGTERM', () => {
  let dir: string;
  let broker: TestBroker;
  let observer: MqttObserver;
  let bridge: RunningProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-bridge-stop-'));
    broker = await startTestBroker();
    observer = await MqttObserver.connect(broker.url, ['#']);
  });

  afterAll(async () => {
    await bridge?.stop();
    await observer?.close();
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 within the goodbye grace when the broker never acknowledges its offline', async () => {
    bridge = await startTestBridge(path.join(dir, 'bridge.json'), {
      id: 'pibridge',
      name: 'Pi bridge',
      mqttUrl: broker.url,
      // No board is plugged in: the bridge waits for the port and is online all the same.
      ports: [{ path: path.join(dir, 'ttyACM0'), protocol: 'jsonl', id: 'bench' }],
    });
    await observer.waitFor(
      (message) => message.topic.endsWith('/pibridge/availability') && message.payload === 'online',
    );
    broker.broker.authorizePublish = () => {};
    const code = await bridge.stop();
    expect(code).toBe(0);
    expect(bridge.output()).toMatch(/could not say offline \(no broker, or no answer in 2000 ms\)/);
  });
});
