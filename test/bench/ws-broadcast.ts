import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BroadcastCommand =
  | { type: 'run'; rate: number; durationMs: number; entities: number; batch: boolean }
  | { type: 'stop' };
export type BroadcastReply = { type: 'listening'; port: number } | { type: 'done'; sent: number };

export interface WsBroadcast {
  readonly url: string;
  /**
   * Broadcasts `rate` events a second for `durationMs`, each in its own frame or, with `batch`,
   * those of one I/O turn in one array frame; resolves with how many were sent.
   */
  run(rate: number, durationMs: number, entities: number, batch: boolean): Promise<number>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./ws-broadcast-process.ts', import.meta.url));

/** Starts the `ws`-alone baseline (ws-broadcast-process.ts) in a process of its own, as the hub is. */
export async function startWsBroadcast(): Promise<WsBroadcast> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends BroadcastReply['type']>(type: T) =>
    new Promise<Extract<BroadcastReply, { type: T }>>((resolve, reject) => {
      const onMessage = (reply: BroadcastReply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', reject);
        resolve(reply as Extract<BroadcastReply, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', reject);
    });
  const { port } = await next('listening');
  return {
    url: `ws://127.0.0.1:${port}/`,
    async run(rate, durationMs, entities, batch) {
      const done = next('done');
      child.send({ type: 'run', rate, durationMs, entities, batch } satisfies BroadcastCommand);
      return (await done).sent;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies BroadcastCommand);
      await exited;
    },
  };
}
