import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceCredentials } from '../../hub/broker/device-credentials.ts';
import { systemClock } from '../../hub/core/clock.ts';
import { openDatabase } from '../../hub/storage/database.ts';
import { DEMO_ENTITIES } from '../device-sim/demo-entities.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

type State = { entity_id: string; state: string };

/**
 * The demo house on a broker that admits no anonymous client: every device logs in with its own
 * credential, named after it, and the default ACL fits the layouts of all three dialects
 * (Zigbee2MQTT, Tasmota, ESPHome) without a rule written for any of them.
 */
describe('devices with their own credentials under the default ACL', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let client: HubClient;
  let dir: string;
  let plugPassword: string;

  const states = async (): Promise<State[]> => {
    const id = client.sendCommand({ type: 'get_states' });
    return (await client.next((m) => m.id === id)).result as State[];
  };
  const waitFor = async (check: (all: State[]) => boolean): Promise<State[]> => {
    for (;;) {
      const all = await states();
      if (check(all)) return all;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-credentials-'));
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ mqtt: { allowAnonymous: false } }));
    hub = await startTestHub({ args: ['--config', config], env: { HEARTH_LOG_LEVEL: 'info' } });
    client = await HubClient.connect(hub.wsUrl, hub.token);

    const added = await runCli(['device', 'add', 'kitchen-plug', '--data', hub.dataDir]);
    expect(added.code).toBe(0);
    plugPassword = added.stdout.trim();
    expect(plugPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(added.stderr).toContain('not shown again');

    // The others in-process, as `hearth device add` does, to spare a CLI start each.
    const db = openDatabase(hub.dataDir);
    const credentials = new DeviceCredentials(db, systemClock);
    const passwords: Record<string, string> = { 'kitchen-plug': plugPassword };
    for (const device of new Set(DEMO_ENTITIES.map((entity) => entity.device))) {
      if (device !== 'kitchen-plug') passwords[device] = await credentials.add(device);
    }
    db.close();
    const file = path.join(dir, 'credentials.json');
    writeFileSync(file, JSON.stringify(passwords));
    sim = await startTestSim(hub.mqttUrl, ['--no-liveliness', '--credentials', file]);
  });

  afterAll(async () => {
    client?.close();
    await sim?.stop();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces every entity of every dialect, available, with nothing refused', async () => {
    const all = await waitFor((list) =>
      DEMO_ENTITIES.every((entity) => {
        const state = list.find((s) => s.entity_id === entity.entityId);
        return state !== undefined && state.state !== 'unavailable';
      }),
    );
    expect(all.length).toBeGreaterThanOrEqual(DEMO_ENTITIES.length);
    const output = hub.process.output();
    expect(output).toMatch(/"hearth-sim-heater-plug" connected as user "heater-plug" from 127\.0\.0\.1/);
    expect(output).toMatch(/"hearth-sim-front-door" connected as user "front-door"/);
    expect(output).not.toMatch(/refused/);
    expect(output).not.toContain(plugPassword);
  });

  it.each([
    ['zigbee2mqtt', 'switch', 'toggle', 'switch.kitchen_plug'],
    ['tasmota', 'switch', 'toggle', 'switch.heater_plug'],
    ['esphome', 'lock', 'unlock', 'lock.front_door_lock'],
  ])(
    'carries a command to a %s device and its confirmation back',
    async (_dialect, domain, service, entityId) => {
      const id = client.sendCommand({
        type: 'call_service',
        domain,
        service,
        target: { entity_id: entityId },
      });
      const answer = await client.next((m) => m.id === id);
      expect(answer.success).toBe(true);
    },
  );

  it('refuses an anonymous client on this broker', async () => {
    await expect(mqtt.connectAsync(hub.mqttUrl, { clientId: 'anon', reconnectPeriod: 0 })).rejects.toThrow(
      /Not authorized/,
    );
  });

  it('lists the devices, and removing one ends its connection: its entities go unavailable', async () => {
    const listed = await runCli(['device', 'list', '--data', hub.dataDir]);
    expect(listed.stdout).toMatch(/^front-door\tcreated /m);
    expect(listed.stdout).toMatch(/^kitchen-plug\tcreated /m);
    const removed = await runCli(['device', 'remove', 'kitchen-plug', '--data', hub.dataDir]);
    expect(removed.code).toBe(0);
    await waitFor((list) => list.find((s) => s.entity_id === 'switch.kitchen_plug')?.state === 'unavailable');
    await hub.process.waitForLine(
      /"hearth-sim-kitchen-plug" user "kitchen-plug" .*: disconnected, its credential was removed/,
    );
    // …and it cannot come back with the old password.
    await expect(
      mqtt.connectAsync(hub.mqttUrl, {
        clientId: 'kitchen-plug',
        username: 'kitchen-plug',
        password: plugPassword,
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow(/Bad username or password/);
  });

  it('runs a simulator with the credential in its --mqtt-url', async () => {
    const added = await runCli(['device', 'add', 'load-light-0001', '--data', hub.dataDir]);
    const url = new URL(hub.mqttUrl);
    url.username = 'load-light-0001';
    url.password = added.stdout.trim();
    const one = await startTestSim(url.href, ['--house', 'none', '--devices', '1', '--no-liveliness']);
    try {
      await waitFor((list) =>
        list.some((s) => s.entity_id === 'light.load_light_0001' && s.state !== 'unavailable'),
      );
    } finally {
      await one.stop();
    }
  });
});
