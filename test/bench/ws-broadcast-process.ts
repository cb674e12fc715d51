/**
 * The fan-out baseline: `ws` alone. A bare WebSocket server that, told a rate over IPC, makes
 * state-change events of the exact shape and size hearth sends to a panel (`subscribe_entities`
 * `c` diffs), serializes each once and sends it to every client — the least any hub must do.
 */
import { WebSocketServer } from 'ws';
import { driveAtRate } from './rate-driver.ts';
import type { BroadcastCommand, BroadcastReply } from './ws-broadcast.ts';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const reply = (message: BroadcastReply) => process.send?.(message);

// A context id as hearth makes them: a 26-character ULID.
const CONTEXT = '01JBENCHBASELINECONTEXT000';

process.on('message', async (command: BroadcastCommand) => {
  if (command.type === 'stop') {
    server.close();
    process.exit(0);
  }
  const { rate, durationMs, entities } = command;
  const sent = await driveAtRate(rate, durationMs, (seq, sentAt) => {
    const event = {
      c: {
        [`sensor.bench_fanout_${seq % entities}`]: {
          '+': { s: String(sentAt), lc: sentAt / 1000, c: CONTEXT },
        },
      },
    };
    const json = `{"id":2,"type":"event","event":${JSON.stringify(event)}}`;
    for (const client of server.clients) client.send(json);
  });
  reply({ type: 'done', sent });
});

server.on('listening', () => {
  const address = server.address();
  reply({ type: 'listening', port: typeof address === 'object' && address !== null ? address.port : 0 });
});
