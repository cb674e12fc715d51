import WebSocket from 'ws';
import type { Toggler } from './toggler.ts';

/**
 * Toggles through the Node-RED bridge (node-red.ts): the command as `{topic, payload}` on its
 * WebSocket, timed until the device's state comes back on the same socket. The payload is the one
 * hearth and the raw baseline send.
 */
export async function nodeRedToggler(wsUrl: string): Promise<Toggler> {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const states = new Map<string, string>();
  let waiting: { topic: string; state: string; resolve: () => void } | undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { topic: string; payload: string };
    const state = (JSON.parse(message.payload) as { state?: string }).state;
    if (state === undefined) return;
    states.set(message.topic, state);
    if (waiting && waiting.topic === message.topic && waiting.state === state) waiting.resolve();
  });
  return {
    name: 'Node-RED',
    async toggle(device) {
      const topic = `hearth/${device}`;
      const state = states.get(topic) === 'ON' ? 'OFF' : 'ON';
      const start = performance.now();
      await new Promise<void>((resolve) => {
        waiting = { topic, state, resolve };
        socket.send(JSON.stringify({ topic: `${topic}/set`, payload: `{"state": "${state}"}` }));
      });
      waiting = undefined;
      return performance.now() - start;
    },
    async close() {
      socket.close();
    },
  };
}
