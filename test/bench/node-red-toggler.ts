import WebSocket from 'ws';
import { LightReports } from './light-reports.ts';
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
  const reports = new LightReports();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { topic: string; payload: string };
    reports.receive(message.topic, message.payload);
  });
  return {
    name: 'Node-RED',
    toggle: (device) =>
      reports.toggle(device, (topic, payload) => socket.send(JSON.stringify({ topic, payload }))),
    async close() {
      socket.close();
    },
  };
}
