import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SwarmOptions {
  /** `ws://…/api/websocket`, or a bare WebSocket server for a baseline. */
  url: string;
  count: number;
  /** The access token; without it the clients skip auth and subscribe (a bare `ws` baseline). */
  auth?: string;
  /** Ask for `coalesce_messages`, as the panel does. */
  coalesce?: boolean;
}

export type SwarmCommand = { type: 'reset' } | { type: 'stats' } | { type: 'stop' };
export type SwarmReply =
  | { type: 'ready' }
  | { type: 'reset' }
  | { type: 'error'; message: string }
  | { type: 'stats'; counts: number[]; latencies: number[] };

export interface PanelSwarm {
  /** Zeroes the counters. */
  reset(): Promise<void>;
  /** Events received per client since the last reset, and client 0's latencies in ms. */
  stats(): Promise<{ counts: number[]; latencies: number[] }>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./panel-swarm-process.ts', import.meta.url));

/** Starts `count` panels in a child process (panel-swarm-process.ts); resolves when all are subscribed. */
export async function startPanelSwarm(options: SwarmOptions): Promise<PanelSwarm> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, HEARTH_BENCH_SWARM: JSON.stringify(options) },
  });
  const next = <T extends SwarmReply['type']>(type: T): Promise<Extract<SwarmReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: SwarmReply) => {
        if (reply.type === 'error') {
          cleanup();
          reject(new Error(`panel swarm: ${reply.message}`));
        } else if (reply.type === type) {
          cleanup();
          resolve(reply as Extract<SwarmReply, { type: T }>);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`panel swarm exited (${code})`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (command: SwarmCommand) => child.send(command);
  await next('ready');
  return {
    async reset() {
      const done = next('reset');
      send({ type: 'reset' });
      await done;
    },
    async stats() {
      const done = next('stats');
      send({ type: 'stats' });
      const { counts, latencies } = await done;
      return { counts, latencies };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'stop' });
      await exited;
    },
  };
}
