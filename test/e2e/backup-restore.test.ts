import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

const LAMP = 'light.living_room_lamp';

async function rename(client: HubClient, name: string): Promise<void> {
  const answer = await client.command({ type: 'config/entity_registry/update', entity_id: LAMP, name });
  expect(answer.success).toBe(true);
}

describe('hearth backup and hearth restore', () => {
  let hub: TestHub;
  let sim: RunningProcess | undefined;
  let client: HubClient;
  const folder = mkdtempSync(path.join(tmpdir(), 'hearth-backups-'));
  const backup = path.join(folder, 'hearth-backup.db');

  beforeAll(async () => {
    hub = await startTestHub();
    // Lively sensors: the hub writes history all through the backup.
    sim = await startTestSim(hub.mqttUrl, []);
    client = await HubClient.connect(hub.wsUrl, hub.token);
    for (let i = 0; i < 100; i++) {
      const states = (await client.command({ type: 'get_states' })).result as { entity_id: string }[];
      if (states.some((s) => s.entity_id === LAMP)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    client?.close();
    await sim?.stop();
    await hub?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('takes a consistent backup while the hub runs and writes', async () => {
    await rename(client, 'Reading lamp');
    // The recorder writes in batches: the lamp's state is in the database once history shows it.
    for (let i = 0; i < 100; i++) {
      const answer = await client.command({
        type: 'history/history_during_period',
        start_time: new Date(0).toISOString(),
        entity_ids: [LAMP],
        minimal_response: true,
      });
      if (((answer.result as Record<string, unknown[]>)[LAMP] ?? []).length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const toggles = (async () => {
      for (let i = 0; i < 10; i++)
        await client.command({
          type: 'call_service',
          domain: 'light',
          service: 'toggle',
          target: { entity_id: LAMP },
        });
    })();
    const result = await runCli(['backup', '--out', backup, '--data', hub.dataDir]);
    await toggles;
    expect(result.stderr).toMatch(/\nhearth backup: done in \d+\.\d s\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^backup written to .*hearth-backup\.db \(\d+ KiB\)\n$/);

    const db = new BetterSqlite3(backup, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      const entry = db
        .prepare("SELECT data FROM registry_entries WHERE registry = 'entity' AND id = ?")
        .get(LAMP) as { data: string };
      expect(JSON.parse(entry.data)).toMatchObject({ name: 'Reading lamp' });
      expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses to restore while the hub runs, and says so', async () => {
    const result = await runCli(['restore', backup, '--data', hub.dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\nhearth restore: checking the backup and the data folder: failed\nhearth: a hub is running on .* \(its data folder is locked\); stop it before restoring\n$/,
    );
  });

  it('refuses a second hub on the same data folder', async () => {
    const second = await runCli(['start', '--data', hub.dataDir, '--http-port', '0', '--mqtt-port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`a hub is running on ${hub.dataDir}`);
  });

  it('refuses a file that is not a hearth backup', async () => {
    const junk = path.join(folder, 'junk.db');
    writeFileSync(junk, 'not a database at all, just some text that is long enough to not be empty');
    const result = await runCli(['restore', junk, '--data', path.join(folder, 'elsewhere')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/: failed\nhearth: .*junk\.db is not a hearth backup\n$/);
  });

  it('puts the backup back once the hub is stopped: what was edited after it is undone', async () => {
    await rename(client, 'Renamed after the backup');
    client.close();
    await sim?.stop();
    sim = undefined;
    await hub.stop({ keepData: true });

    const result = await runCli(['restore', backup, '--data', hub.dataDir]);
    expect(result.stderr).toMatch(/\nhearth restore: done in \d+\.\d s\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `the database it replaced is kept as ${path.join(hub.dataDir, 'hearth.db.before-restore')}`,
    );

    hub = await startTestHub({ restartOf: hub });
    client = await HubClient.connect(hub.wsUrl, hub.token);
    const entry = await client.command({ type: 'config/entity_registry/get', entity_id: LAMP });
    expect(entry.result).toMatchObject({ name: 'Reading lamp' });
    const states = (await client.command({ type: 'get_states' })).result as {
      entity_id: string;
      attributes: Record<string, unknown>;
    }[];
    expect(states.find((s) => s.entity_id === LAMP)?.attributes).toMatchObject({
      friendly_name: 'Reading lamp',
      restored: true,
    });
  });
});
