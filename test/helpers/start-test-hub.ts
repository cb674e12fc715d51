import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuthStore } from '../../hub/auth/auth-store.ts';
import { Users } from '../../hub/auth/users.ts';
import { systemClock } from '../../hub/core/clock.ts';
import { openDatabase } from '../../hub/storage/database.ts';
import type { RunningProcess } from './run-cli.ts';
import { spawnCli } from './run-cli.ts';

/** The user every test hub has, unless started `withoutUser`. */
export const TEST_USER = { name: 'tester', password: 'correct horse battery' } as const;

export interface TestHub {
  /** `http://127.0.0.1:PORT` */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:PORT/api/websocket` */
  readonly wsUrl: string;
  readonly mqttUrl: string;
  /** A link with a one-time login code for TEST_USER, as `hearth demo` prints. */
  readonly loginUrl: string;
  readonly dataDir: string;
  /** A long-lived token of TEST_USER. */
  readonly token: string;
  readonly process: RunningProcess;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts a real hub process (`hearth start`) on 127.0.0.1 with any free ports and a fresh data
 * folder holding TEST_USER, a token and a login code for them. Always `stop()` it.
 */
export async function startTestHub(
  options: {
    args?: string[];
    env?: NodeJS.ProcessEnv;
    /** Restart on the data and ports of a hub stopped with `stop({ keepData: true })`. */
    restartOf?: TestHub;
    /** A first start: no user, so the panel offers onboarding; `token` and `loginUrl` are empty. */
    withoutUser?: boolean;
    /** Flags for node itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
    nodeArgs?: string[];
  } = {},
): Promise<TestHub> {
  const previous = options.restartOf;
  const dataDir = previous?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  const seeded = options.withoutUser ? { token: '', code: '' } : await seedUser(dataDir, previous?.token);
  const token = seeded.token;
  const ports = previous
    ? ['--http-port', new URL(previous.httpUrl).port, '--mqtt-port', new URL(previous.mqttUrl).port]
    : ['--http-port', '0', '--mqtt-port', '0'];
  const hub = spawnCli(
    ['start', '--data', dataDir, ...ports, ...(options.args ?? [])],
    { HEARTH_LOG_LEVEL: 'warn', ...options.env },
    options.nodeArgs,
  );
  try {
    const [, panel] = (await hub.waitForLine(/^\s*panel:\s+(\S+)/)) as [string, string];
    const [, mqtt] = (await hub.waitForLine(/^\s*mqtt:\s+(\S+)/)) as [string, string];
    await hub.waitForLine(/^\s*(log in|set up):/);
    const httpUrl = panel.replace(/\/$/, '');
    return {
      httpUrl,
      wsUrl: `${httpUrl.replace(/^http/, 'ws')}/api/websocket`,
      mqttUrl: mqtt,
      loginUrl: seeded.code ? `${httpUrl}/#code=${seeded.code}` : '',
      dataDir,
      token,
      process: hub,
      async stop({ keepData = false } = {}) {
        await hub.stop();
        if (!keepData) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * TEST_USER with a (cheaply hashed) password, a long-lived token and a login code, written to the
 * data folder as `hearth user add` and `hearth token create` would — in-process, to spare each test
 * hub two CLI starts. The CLI commands have tests of their own.
 */
async function seedUser(dataDir: string, existingToken?: string): Promise<{ token: string; code: string }> {
  const db = openDatabase(dataDir);
  try {
    const users = new Users(db, systemClock, { ln: 10, r: 8, p: 1 });
    const auth = new AuthStore(db, systemClock, { users });
    const user = users.byName(TEST_USER.name) ?? (await users.add(TEST_USER.name, TEST_USER.password));
    const token = existingToken ?? auth.createLongLivedToken(user.id, 'test').token;
    return { token, code: auth.createLoginCode(user.id) };
  } finally {
    db.close();
  }
}

/** Starts a real simulator process (`hearth sim`) against a broker; resolves once its devices are online. */
export async function startTestSim(
  mqttUrl: string,
  args: string[] = ['--no-liveliness'],
): Promise<RunningProcess> {
  const sim = spawnCli(['sim', '--mqtt-url', mqttUrl, ...args]);
  try {
    await sim.waitForLine(/devices? online/);
  } catch (error) {
    await sim.stop();
    throw error;
  }
  return sim;
}
