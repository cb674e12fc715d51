import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IClientOptions, MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { DeviceCredentials } from '../../../hub/broker/device-credentials.ts';
import { type EmbeddedBroker, startEmbeddedBroker } from '../../../hub/broker/embedded-broker.ts';
import { type HubConfigInput, hubConfigSchema } from '../../../hub/config/hub-config.ts';
import { systemClock } from '../../../hub/core/clock.ts';
import { createLogger } from '../../../hub/core/logger.ts';
import { type Database, openDatabase } from '../../../hub/storage/database.ts';

export interface BrokerHarness {
  readonly broker: EmbeddedBroker;
  readonly url: string;
  readonly db: Database;
  readonly dataDir: string;
  readonly credentials: DeviceCredentials;
  /** Every line the broker logged. */
  readonly logs: string[];
  /** Resolves once a logged line matches. */
  waitForLog(pattern: RegExp): Promise<string>;
  /** A client of the hub's own, unrestricted. */
  hubClient(): Promise<MqttClient>;
  close(): Promise<void>;
}

/** The real embedded broker, in this process, on 127.0.0.1 and a free port, with a fresh database. */
export async function startBrokerHarness(config: Partial<HubConfigInput> = {}): Promise<BrokerHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-broker-'));
  const db = openDatabase(dataDir);
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  const log = createLogger('debug', (line) => {
    logs.push(line);
    for (const waiter of waiters) waiter();
  });
  const parsed = hubConfigSchema.parse({ dataDir, host: '127.0.0.1', mqttPort: 0, httpPort: 0, ...config });
  const broker = await startEmbeddedBroker({ config: parsed, db, clock: systemClock, log });
  const clients: MqttClient[] = [];
  return {
    broker,
    url: broker.url,
    db,
    dataDir,
    credentials: new DeviceCredentials(db, systemClock),
    logs,
    waitForLog: (pattern) =>
      new Promise((resolve) => {
        const check = () => {
          const line = logs.find((l) => pattern.test(l));
          if (line === undefined) return;
          waiters.delete(check);
          resolve(line);
        };
        waiters.add(check);
        check();
      }),
    async hubClient() {
      const credential = broker.issueInternalCredential('hearth-hub');
      const client = await connectClient(broker.url, { clientId: `hub-${clients.length}`, ...credential });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.end(true);
      await broker.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An mqtt.js client that does not reconnect; rejects with the CONNACK's refusal. */
export function connectClient(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 10_000, ...options });
}

/** The CONNACK return code a connection attempt gets (0 when accepted). */
export async function connackCode(url: string, options: IClientOptions): Promise<number> {
  try {
    const client = await connectClient(url, options);
    client.end(true);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    throw error;
  }
}

/** Resolves when the client's connection has closed. */
export function closed(client: MqttClient): Promise<void> {
  return new Promise((resolve) => {
    if (client.disconnected || !client.connected) resolve();
    else client.once('close', () => resolve());
  });
}
