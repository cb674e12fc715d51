/**
 * Does recording slow the toggle round trip? (issue 5: by no more than 10 %.)
 *
 *   npx tsx test/bench/recorder-overhead.ts [--seconds S] [--devices N] [--panels N]
 *
 * One hub in this process, a simulated house plus N load devices (their sensors drifting, so the
 * recorder always has something to write) in another, and P panels subscribed to every entity. A
 * WebSocket client toggles a light — `call_service` → device → confirmed result — in alternating
 * blocks with the recorder running and stopped, so both see the same machine at the same time.
 * Prints p50/p90/p99/mean of each and the ratios, and exits 1 when recording costs more than 10 %
 * on the median or on the mean of the fastest 99 % (the slowest 1 % on this shared machine is other
 * programs' doing, and lands in either block alike; it is printed, not judged).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { AuthStore } from '../../hub/auth/auth-store.ts';
import { Users } from '../../hub/auth/users.ts';
import { loadHubConfig } from '../../hub/config/hub-config.ts';
import { systemClock } from '../../hub/core/clock.ts';
import { createLogger } from '../../hub/core/logger.ts';
import { Hub } from '../../hub/hub.ts';
import { openDatabase } from '../../hub/storage/database.ts';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '24' },
    devices: { type: 'string', default: '200' },
    panels: { type: 'string', default: '10' },
  },
});
/**
 * Blocks of time, not of toggles: each lasts several commit intervals, so the recorder's writes
 * fall inside the recording blocks, as they do in a running hub.
 */
const BLOCK_MS = 2000;
const BLOCKS = Math.max(2, Math.round(Number(flags.seconds) / (BLOCK_MS / 1000) / 2) * 2);
const LIGHT = 'light.living_room_ceiling';
const HEARTH = fileURLToPath(new URL('../../hub/cli/hearth.js', import.meta.url));

/** A Home Assistant WebSocket client, bare: one pending command at a time is all it needs. */
async function connect(
  url: string,
  token: string,
): Promise<{ ws: WebSocket; command(msg: object): Promise<unknown> }> {
  const ws = new WebSocket(url);
  ws.on('open', () =>
    (ws as unknown as { _socket: { setNoDelay(on: boolean): void } })._socket.setNoDelay(true),
  );
  let nextId = 1;
  const waiting = new Map<number, (message: { success: boolean; error?: unknown }) => void>();
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'auth_required') ws.send(JSON.stringify({ type: 'auth', access_token: token }));
      else if (message.type === 'auth_ok') resolve();
      else if (message.type === 'auth_invalid') reject(new Error('auth_invalid'));
      else if (message.type === 'result') waiting.get(message.id)?.(message);
    });
    ws.on('error', reject);
  });
  return {
    ws,
    command(msg) {
      const id = nextId++;
      ws.send(JSON.stringify({ ...msg, id }));
      return new Promise((resolve, reject) =>
        waiting.set(id, (message) => {
          waiting.delete(id);
          if (message.success) resolve(message);
          else reject(new Error(JSON.stringify(message.error)));
        }),
      );
    },
  };
}

function startSim(mqttUrl: string, devices: string): Promise<ChildProcess> {
  const sim = spawn(process.execPath, [HEARTH, 'sim', '--mqtt-url', mqttUrl, '--devices', devices], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    sim.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/devices? online/.test(output)) resolve(sim);
    });
    sim.once('exit', (code) => reject(new Error(`the simulator exited (${code}): ${output}`)));
  });
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const meanOf = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const fastest = sorted.slice(0, Math.ceil(sorted.length * 0.99));
  return {
    n: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    mean: meanOf(sorted),
    mean99: meanOf(fastest),
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-'));
const log = createLogger('warn');
const db = openDatabase(dataDir);
const users = new Users(db, systemClock);
const owner = users.owner() ?? (await users.add('bench', 'bench-password'));
const token = new AuthStore(db, systemClock, { users }).createLongLivedToken(owner.id, 'bench').token;
db.close();
const hub = await Hub.start(
  loadHubConfig({ flags: { dataDir, httpPort: 0, mqttPort: 0, logLevel: 'warn' } }),
  log,
);
const sim = await startSim(hub.mqttUrl, flags.devices ?? '200');
const url = `ws://127.0.0.1:${hub.httpPort}/api/websocket`;
const panels = await Promise.all(
  Array.from({ length: Number(flags.panels) }, async () => {
    const panel = await connect(url, token);
    await panel.command({ type: 'subscribe_entities' });
    return panel;
  }),
);
const client = await connect(url, token);
while (!hub.context.states.get(LIGHT) || hub.context.states.get(LIGHT)?.state === 'unavailable')
  await new Promise((r) => setTimeout(r, 50));

const toggle = async (): Promise<number> => {
  const started = process.hrtime.bigint();
  await client.command({
    type: 'call_service',
    domain: 'light',
    service: 'toggle',
    target: { entity_id: LIGHT },
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
};

for (let i = 0; i < 300; i++) await toggle(); // warm-up: JIT, caches, the WAL
const times = { recording: [] as number[], stopped: [] as number[] };
const recorder = hub.context.recorder;
for (let block = 0; block < BLOCKS; block++) {
  const recording = block % 2 === 0;
  if (recording) recorder.start();
  else await recorder.stop();
  const samples = recording ? times.recording : times.stopped;
  const until = Date.now() + BLOCK_MS;
  while (Date.now() < until) samples.push(await toggle());
}
recorder.start();

const on = summary(times.recording);
const off = summary(times.stopped);
const ms = (x: number) => `${x.toFixed(3)} ms`;
const rows = (s: ReturnType<typeof summary>) =>
  `n ${s.n}  p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  mean ${ms(s.mean)}  mean of fastest 99 % ${ms(s.mean99)}`;
const ratio = {
  p50: on.p50 / off.p50,
  mean99: on.mean99 / off.mean99,
  mean: on.mean / off.mean,
  p99: on.p99 / off.p99,
};
console.log(
  `toggle round trip, ${BLOCKS} alternating blocks of ${BLOCK_MS / 1000} s, ${flags.devices} load devices, ${flags.panels} panels`,
);
console.log(`  recording: ${rows(on)}`);
console.log(`  stopped:   ${rows(off)}`);
console.log(
  `  ratio recording/stopped: p50 ${ratio.p50.toFixed(3)}, mean of fastest 99 % ${ratio.mean99.toFixed(3)} ` +
    `(budget 1.10); mean ${ratio.mean.toFixed(3)}, p99 ${ratio.p99.toFixed(3)} (printed, not judged)`,
);
const counter = openDatabase(dataDir);
const recorded = (counter.prepare('SELECT COUNT(*) AS n FROM states').get() as { n: number }).n;
counter.close();
console.log(`  states recorded during the run: ${recorded}`);
const pass = ratio.p50 <= 1.1 && ratio.mean99 <= 1.1;
console.log(pass ? 'PASS' : 'FAIL: recording slows the round trip by more than 10 %');

for (const panel of [...panels, client]) panel.ws.close();
sim.kill('SIGTERM');
await new Promise((resolve) => sim.once('exit', resolve));
await hub.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(pass ? 0 : 1);
