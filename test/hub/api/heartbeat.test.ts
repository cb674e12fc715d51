import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Heartbeat } from '../../../hub/api/heartbeat.ts';

describe('heartbeat', () => {
  let server: WebSocketServer | undefined;
  let heartbeat: Heartbeat | undefined;
  afterEach(async () => {
    heartbeat?.stop();
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A server whose every socket is watched by a heartbeat of `intervalMs`; resolves a client of it. */
  async function connect(intervalMs: number, clientOptions: WebSocket.ClientOptions) {
    heartbeat = new Heartbeat(intervalMs);
    heartbeat.start();
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server = wss;
    const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    await new Promise((resolve) => wss.once('listening', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, clientOptions);
    const peer = await accepted;
    heartbeat.add(peer);
    return { client, peer };
  }

  it('terminates a peer that stops answering pings', async () => {
    const { client, peer } = await connect(50, { autoPong: false });
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    const peerClosed = new Promise<void>((resolve) => peer.once('close', () => resolve()));
    let pings = 0;
    client.on('ping', () => pings++);
    // Terminated, not closed: no close frame, so the client sees an abnormal closure.
    expect(await closed).toBe(1006);
    await peerClosed;
    expect(pings).toBeGreaterThanOrEqual(1);
  });

  it('keeps a peer that answers, ping after ping', async () => {
    const { client, peer } = await connect(20, {});
    await new Promise<void>((resolve) => {
      let pings = 0;
      client.on('ping', () => {
        if (++pings === 5) resolve();
      });
    });
    expect(peer.readyState).toBe(WebSocket.OPEN);
    client.close();
  });
});
