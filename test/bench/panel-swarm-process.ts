/**
 * The panels of a benchmark, in a process of their own so that the measuring client's event loop
 * is not theirs: N WebSocket clients that subscribe as the panel does (`coalesce_messages`, then
 * `subscribe_entities`) and count the events they receive. Client 0 is also a probe: it reads the
 * state of each change as a send time (`performance.timeOrigin + performance.now()` of the sender)
 * and records the latency. Driven over IPC by panel-swarm.ts.
 */
import WebSocket from 'ws';
import type { SwarmCommand, SwarmOptions, SwarmReply } from './panel-swarm.ts';
import { wallClockMs } from './rate-driver.ts';

const options = JSON.parse(process.env.HEARTH_BENCH_SWARM ?? '{}') as SwarmOptions;
const EVENT_MARK = Buffer.from('"type":"event"');

const counts = new Array<number>(options.count).fill(0);
let latencies: number[] = [];

const now = wallClockMs;

function countEvents(data: Buffer): number {
  let n = 0;
  for (let at = data.indexOf(EVENT_MARK); at !== -1; at = data.indexOf(EVENT_MARK, at + EVENT_MARK.length))
    n++;
  return n;
}

type Json = Record<string, unknown>;

/** The send times carried as states in an `entities` event (`c` diffs or `a` additions). */
function probe(data: Buffer): void {
  const received = now();
  const parsed = JSON.parse(data.toString()) as Json | Json[];
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    if (message.type !== 'event') continue;
    const event = message.event as { c?: Record<string, { '+'?: { s?: string } }> };
    for (const diff of Object.values(event.c ?? {})) {
      const sent = Number(diff['+']?.s);
      if (Number.isFinite(sent) && sent > 1e12) latencies.push(received - sent);
    }
  }
}

function connect(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(options.url, { perMessageDeflate: false, skipUTF8Validation: true });
    let phase: 'auth' | 'subscribe' | 'live' = options.auth === undefined ? 'live' : 'auth';
    socket.once('error', reject);
    if (phase === 'live') socket.once('open', () => resolve());
    socket.on('message', (raw: Buffer) => {
      const data = raw;
      if (phase === 'live') {
        counts[index] = (counts[index] ?? 0) + countEvents(data);
        if (index === 0) probe(data);
        return;
      }
      const text = data.toString();
      if (phase === 'auth') {
        if (text.includes('"auth_required"')) {
          socket.send(JSON.stringify({ type: 'auth', access_token: options.auth }));
        } else if (text.includes('"auth_ok"')) {
          phase = 'subscribe';
          if (options.coalesce)
            socket.send(
              JSON.stringify({ id: 1, type: 'supported_features', features: { coalesce_messages: 1 } }),
            );
          socket.send(JSON.stringify({ id: 2, type: 'subscribe_entities' }));
        } else reject(new Error(`panel ${index}: ${text.slice(0, 200)}`));
        return;
      }
      // The snapshot (`a`) ends the subscribe phase; it may share a frame with the result.
      if (text.includes('"a":')) {
        phase = 'live';
        resolve();
      }
    });
  });
}

function reply(message: SwarmReply): void {
  process.send?.(message);
}

process.on('message', (command: SwarmCommand) => {
  if (command.type === 'reset') {
    counts.fill(0);
    latencies = [];
    reply({ type: 'reset' });
  } else if (command.type === 'stats') {
    reply({ type: 'stats', counts: [...counts], latencies });
  } else if (command.type === 'stop') {
    process.exit(0);
  }
});

try {
  // A few at a time: a hub on two cores answers 100 simultaneous snapshots slowly, not wrongly.
  for (let start = 0; start < options.count; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, options.count - start) }, (_, i) => connect(start + i)),
    );
  }
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
