import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { MqttClientConfig } from '../config/mqtt-client-config.ts';

/** Where and how the hub's client connects: an `mqtt://`/`mqtts://` URL and `mqttClient` resolved. */
export interface MqttEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** Present for `mqtts://`. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean };
}

const DEFAULT_PORTS: Record<string, number> = { 'mqtt:': 1883, 'mqtts:': 8883 };

/**
 * Resolves the broker URL and the `mqttClient` keys into an endpoint, reading the PEM files now so
 * that a wrong path fails the start with its key's name rather than every reconnect later. TLS
 * files with a plain `mqtt://` URL are refused: they would suggest an encryption that is not there.
 */
export function resolveMqttEndpoint(url: string, config: Partial<MqttClientConfig> = {}): MqttEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`mqttUrl: not a URL: ${redactMqttUrl(url)}`);
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined)
    throw new Error(`mqttUrl: unsupported scheme ${parsed.protocol}// (use mqtt:// or mqtts://)`);
  if (parsed.hostname === '') throw new Error('mqttUrl: no host');
  const secure = parsed.protocol === 'mqtts:';
  if (!secure) {
    for (const key of ['ca', 'cert', 'key'] as const)
      if (config[key] !== undefined) throw new Error(`mqttClient.${key}: needs an mqtts:// URL, got mqtt://`);
  }
  const username = config.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = config.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  return {
    // URL keeps the brackets of an IPv6 literal; net.createConnection wants them off.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : defaultPort,
    ...(username !== undefined && { username }),
    ...(password !== undefined && { password }),
    ...(secure && {
      tls: {
        ...(config.ca !== undefined && { ca: readPem('ca', config.ca) }),
        ...(config.cert !== undefined && { cert: readPem('cert', config.cert) }),
        ...(config.key !== undefined && { key: readPem('key', config.key) }),
        rejectUnauthorized: config.rejectUnauthorized ?? true,
      },
    }),
  };
}

/**
 * Opens the byte stream to the broker, with TCP_NODELAY: mqtt.js 5 leaves Nagle on, and with
 * delayed ACKs a QoS 1 round trip on loopback takes 40–90 ms instead of ~0.25 ms. For TLS the
 * server name is sent (SNI) and checked against the certificate, unless the host is an IP address.
 */
export function openMqttStream(endpoint: MqttEndpoint): Duplex {
  const { host, port } = endpoint;
  if (!endpoint.tls) return net.createConnection({ host, port, noDelay: true });
  const socket = tls.connect({
    host,
    port,
    ...(net.isIP(host) === 0 && { servername: host }),
    ...endpoint.tls,
  });
  // Before the handshake: net.Socket keeps the flag and applies it once connected.
  socket.setNoDelay(true);
  return socket;
}

/** The URL as it may be printed and logged: without its password. */
export function redactMqttUrl(url: string): string {
  return url.replace(/^(mqtts?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

function readPem(key: 'ca' | 'cert' | 'key', path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(
      `mqttClient.${key}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
