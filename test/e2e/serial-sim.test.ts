import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { spawnCli } from '../helpers/run-cli.ts';
import { callService, waitForEntity } from '../helpers/start-test-bridge.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

/** The README's JSON-lines walk-through: `hearth sim --serial jsonl --crc`, then the bridge it prints. */
describe('hearth sim --serial jsonl --crc with hearth bridge --port', () => {
  let dir: string;
  let hub: TestHub;
  let sim: RunningProcess;
  let bridge: RunningProcess;
  let client: HubClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-sim-serial-'));
    hub = await startTestHub();
    sim = spawnCli(['sim', '--serial', 'jsonl', '--crc', '--pty', path.join(dir, 'mcu'), '--no-liveliness']);
    const [, port] = (await sim.waitForLine(/run: npx hearth bridge --port (\S+)/)) as [string, string];
    bridge = spawnCli(['bridge', '--port', port, '--mqtt-url', hub.mqttUrl]);
    await bridge.waitForLine(/^hearth bridge: /);
    client = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    client?.close();
    await bridge?.stop();
    await sim?.stop();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the simulated board, CRCs on every line, and toggles its relay', async () => {
    await waitForEntity(client, 'switch.mcu_relay', (s) => s.state === 'off');
    expect(await callService(client, 'switch', 'toggle', 'switch.mcu_relay')).toMatchObject({
      success: true,
    });
    await sim.waitForLine(/mcu: relay=true/);
    await waitForEntity(client, 'switch.mcu_relay', (s) => s.state === 'on');
    await waitForEntity(client, 'sensor.mcu_frames_good', (s) => Number(s.state) > 0);
    expect((await waitForEntity(client, 'sensor.mcu_frames_bad', () => true)).state).toBe('0');
    // The sim checks the CRC of every line the bridge sends, and would answer a bad one with an err line.
    expect(bridge.output()).not.toMatch(/MCU error/);
  });
});
