import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import type { Logger } from '../core/logger.ts';
import { PacketSizeGuard } from './packet-size-guard.ts';

export interface MqttListener {
  /** `mqtt://host:port` or `mqtts://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface MqttListenerOptions {
  host: string;
  port: number;
  /** Certificate and key (PEM): an `mqtts` listener. */
  tls?: { cert: Buffer; key: Buffer };
  maxPacketBytes: number;
  log: Logger;
  /** Hands each connection, guarded, to the broker, with its peer's address and the listener's URL. */
  accept(connection: PacketSizeGuard, address: string, listenerUrl: string): void;
}

/** Mosquitto 2's test for a listener that may admit anonymous clients. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * One TCP or TLS listener of the embedded broker. `noDelay` on every socket: with Nagle's
 * algorithm on, a QoS 1 round trip on loopback waits on delayed ACKs and takes 40–90 ms instead of
 * ~0.25 ms (measured here with aedes 1.2). Sockets are tracked so that `close` also ends those
 * that never sent CONNECT, which the broker does not know yet.
 */
export async function listenMqtt(options: MqttListenerOptions): Promise<MqttListener> {
  const { log } = options;
  const sockets = new Set<Socket>();
  const scheme = options.tls ? 'mqtts' : 'mqtt';
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let url = `${scheme}://${host}:${options.port}`;
  const onSocket = (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const address = `${socket.remoteAddress}:${socket.remotePort}`;
    options.accept(new PacketSizeGuard(socket, options.maxPacketBytes), address, url);
  };
  const server = options.tls
    ? tls.createServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, onSocket)
    : net.createServer({ noDelay: true }, onSocket);
  server.on('tlsClientError', (error: Error, socket: Socket) =>
    log.info(`mqtt: TLS handshake from ${socket.remoteAddress} failed: ${error.message}`),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error(`mqtt: ${scheme} listener: ${error.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `${scheme}://${host}:${port}`;
  return {
    url,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
