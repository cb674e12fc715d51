import { readFileSync } from 'node:fs';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { spawnCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';
import { BenchClient } from './bench-client.ts';
import { ARTIFACTS_DIR } from './bench-report.ts';
import { whenLive } from './live-entities.ts';
import { loadDeviceNames, loadEntityCount } from './load-entities.ts';

export interface BenchHub {
  readonly hub: TestHub;
  /** The running simulator (a new one after `restartSim`). */
  readonly sim: RunningProcess;
  /** The broker devices and baselines use: the hub's embedded one, or the external one. */
  readonly mqttUrl: string;
  /** Every simulated device's name, and the lights among them (what the toggle scenarios toggle). */
  readonly devices: readonly string[];
  readonly lights: readonly string[];
  readonly entities: number;
  /** From starting the simulator until every entity was live in the hub, in ms. */
  readonly liveAfterMs: number;
  /** Entities that never reported a state (see `whenLive`). */
  readonly unknown: number;
  /**
   * Stops the simulator (every device says `offline`) and starts it again, as after a power cut:
   * resolves with the ms from the new start until every entity is live again, and how many stayed unknown.
   */
  restartSim(): Promise<{ ms: number; unknown: number }>;
  /** Stops the simulator, then the hub. */
  stop(): Promise<void>;
}

export interface BenchHubOptions {
  devices: number;
  /** An external broker (`--mqtt-url`); default the embedded one. */
  mqttUrl?: string;
  /** Write a CPU profile of the hub (`node --cpu-prof`) to test/artifacts/bench/profiles/. */
  profile?: boolean;
  /** How long the devices may take to become live; default 10 minutes. */
  liveTimeoutMs?: number;
}

/**
 * A real hub (`hearth start`) and a real simulator (`hearth sim --house none --devices N
 * --no-liveliness`, so nothing moves unless told), resolved once every entity is live.
 */
export async function startBenchHub(options: BenchHubOptions): Promise<BenchHub> {
  const hub = await startTestHub({
    args: options.mqttUrl ? ['--mqtt-url', options.mqttUrl] : [],
    // A benchmark client toggles as fast as the hub answers: far past a panel's rate limit.
    env: { HEARTH_MESSAGES_PER_SECOND: '100000', HEARTH_MESSAGE_BURST: '100000' },
    nodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${ARTIFACTS_DIR}profiles`] : [],
  });
  const mqttUrl = options.mqttUrl ?? hub.mqttUrl;
  const devices = loadDeviceNames(options.devices);
  const entities = loadEntityCount(options.devices);
  const timeoutMs = options.liveTimeoutMs ?? 600_000;
  let sim: RunningProcess | undefined;
  /** Starts a simulator and resolves when every entity is live, with how long that took. */
  const startLive = async (): Promise<{ ms: number; unknown: number }> => {
    const watcher = await BenchClient.connect(hub.wsUrl, hub.token);
    try {
      const started = performance.now();
      const live = whenLive(watcher, entities, { timeoutMs });
      sim = startSim(mqttUrl, options.devices);
      await sim.waitForLine(/devices online/, timeoutMs);
      const { at, unknown } = await live;
      return { ms: at - started, unknown };
    } finally {
      watcher.close();
    }
  };
  try {
    const { ms: liveAfterMs, unknown } = await startLive();
    return {
      hub,
      get sim() {
        return sim as RunningProcess;
      },
      mqttUrl,
      devices,
      lights: devices.filter((name) => name.startsWith('load-light-')),
      entities,
      liveAfterMs,
      unknown,
      async restartSim() {
        await sim?.stop();
        return startLive();
      },
      async stop() {
        await sim?.stop();
        await hub.stop();
      },
    };
  } catch (error) {
    await sim?.stop();
    await hub.stop();
    throw error;
  }
}

export function startSim(mqttUrl: string, devices: number): RunningProcess {
  return spawnCli([
    'sim',
    '--mqtt-url',
    mqttUrl,
    '--house',
    'none',
    '--devices',
    String(devices),
    '--no-liveliness',
  ]);
}

/** Resident and peak resident memory of a process, in MiB (Linux `/proc/<pid>/status`). */
export function memoryOf(pid: number | undefined): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** "14286 entities live after 16.1 s", saying so when some never reported a state. */
export function describeLive(entities: number, ms: number, unknown: number): string {
  const time = ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
  if (unknown === 0) return `${entities} entities live after ${time}`;
  return `${entities - unknown} of ${entities} entities live after ${time}; ${unknown} stayed unknown (their only reports came before the hub had subscribed to them; see test/bench/README.md)`;
}
