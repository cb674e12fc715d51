/**
 * The fan-out baseline: `ws` alone. A bare WebSocket server that, told a rate over IPC, makes
 * state-change events of the exact shape and size hearth sends to a panel (`subscribe_entities`
 * `c` diffs), serializes each once and sends it to every client — the least any hub must do;
 * with `batch`, one array frame per I/O turn, as `coalesce_messages` asks.
 */
import { WebSocketServer } from 'ws';
import { driveAtRate } from './rate-driver.ts';
import type { BroadcastCommand, BroadcastReply } from './ws-broadcast.ts';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const reply = (message: BroadcastReply) => process.send?.(message);

// A context id as hearth makes them: a 26-character ULID.
const CONTEXT = '01JBENCHBASELINECONTEXT000';

// With `batch`, the events of one I/O turn go out as one array for all clients: what hearth does
// per client for those that asked for `coalesce_messages`, at the least it can cost.
let queue: string[] = [];
function enqueue(json: string): void {
  if (queue.length === 0) setImmediate(flush);
  queue.push(json);
}
function flush(): void {
  const frame = queue.length === 1 ? (queue[0] as string) : `[${queue.join(',')}]`;
  queue = [];
  for (const client of server.clients) client.send(frame);
}

process.on('message', async (command: BroadcastCommand) => {
  if (command.type === 'stop') {
    server.close();
    process.exit(0);
  }
  const { rate, durationMs, entities, batch } = command;
  const sent = await driveAtRate(rate, durationMs, (seq, sentAt) => {
    const event = {
      c: {
        [`sensor.bench_fanout_${seq % entities}`]: {
          '+': { s: String(sentAt), lc: sentAt / 1000, c: CONTEXT },
        },
      },
    };
    const json = `{"id":2,"type":"event","event":${JSON.stringify(event)}}`;
    if (batch) enqueue(json);
    else for (const client of server.clients) client.send(json);
  });
  reply({ type: 'done', sent });
});

server.on('listening', () => {
  const address = server.address();
  reply({ type: 'listening', port: typeof address === 'object' && address !== null ? address.port : 0 });
});
