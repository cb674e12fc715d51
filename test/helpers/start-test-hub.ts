import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningProcess } from './run-cli.ts';
import { runCli, spawnCli } from './run-cli.ts';

export interface TestHub {
  /** `http://127.0.0.1:PORT` */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:PORT/api/websocket` */
  readonly wsUrl: string;
  readonly mqttUrl: string;
  /** The one-time login link the hub printed. */
  readonly loginUrl: string;
  readonly dataDir: string;
  /** A long-lived token, made with `hearth token create`. */
  readonly token: string;
  readonly process: RunningProcess;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts a real hub process (`hearth start`) on 127.0.0.1 with any free ports and a fresh data
 * folder, and a token for it. Always `stop()` it.
 */
export async function startTestHub(
  options: {
    args?: string[];
    env?: NodeJS.ProcessEnv;
    /** Restart on the data and ports of a hub stopped with `stop({ keepData: true })`. */
    restartOf?: TestHub;
    /** Flags for node itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
    nodeArgs?: string[];
  } = {},
): Promise<TestHub> {
  const previous = options.restartOf;
  const dataDir = previous?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  let token = previous?.token;
  if (!token) {
    const created = await runCli(['token', 'create', '--name', 'test', '--data', dataDir]);
    if (created.code !== 0) throw new Error(`hearth token create failed: ${created.stderr}`);
    token = created.stdout.trim();
  }
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
    const [, login] = (await hub.waitForLine(/^\s*log in:\s+(\S+)/)) as [string, string];
    const httpUrl = panel.replace(/\/$/, '');
    return {
      httpUrl,
      wsUrl: `${httpUrl.replace(/^http/, 'ws')}/api/websocket`,
      mqttUrl: mqtt,
      loginUrl: login,
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
