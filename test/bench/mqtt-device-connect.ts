/**
 * The cost of the MQTT door. 1,000 devices with their own credentials connect to the embedded
 * broker: once cold (every password goes through scrypt), once again (the verified-password
 * cache), and the same through bare aedes. Then the QoS 1 round trip device → hub → device through
 * the embedded broker (access policy, packet size guard) and through bare aedes, in the same run.
 * Run: `npx tsx test/bench/mqtt-device-connect.ts`.
 */
import type { MqttClient } from 'mqtt';
import { connectMqtt } from '../../device-sim/mqtt-connect.ts';
import { startTestBroker } from '../device-sim/test-broker.ts';
import { startBrokerHarness } from '../hub/broker/broker-harness.ts';

const DEVICES = 1000;
const ROUND_TRIPS = 5000;

async function connectAll(
  url: string,
  passwords: readonly string[],
): Promise<{ ms: number; clients: MqttClient[] }> {
  const start = performance.now();
  const clients = await Promise.all(
    passwords.map((password, i) =>
      connectMqtt(
        { ...endpoint(url), ...(password && { username: `bench-${i}`, password }) },
        { clientId: `bench-${i}`, reconnectPeriodMs: 0 },
      ),
    ),
  );
  return { ms: performance.now() - start, clients };
}

const endpoint = (url: string) => ({ host: '127.0.0.1', port: Number(new URL(url).port) });

type Credential = { username: string; password: string };

/** The device logs in as `bench-0` when given its credential, so that its ACL is checked on each message. */
async function roundTrips(
  url: string,
  hubCredential?: Credential,
  deviceCredential?: Credential,
): Promise<string> {
  const hub = await connectMqtt({ ...endpoint(url), ...hubCredential }, { clientId: 'bench-hub' });
  const device = await connectMqtt({ ...endpoint(url), ...deviceCredential }, { clientId: 'bench-0' });
  await hub.subscribeAsync('hearth/bench-0', { qos: 1 });
  hub.on('message', () => hub.publish('hearth/bench-0/set', 'ON', { qos: 1 }));
  await device.subscribeAsync('hearth/bench-0/set', { qos: 1 });
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      device.once('message', () => resolve());
      device.publish('hearth/bench-0', 'x', { qos: 1 });
    });
    times.push(performance.now() - start);
  }
  await hub.endAsync();
  await device.endAsync();
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(3);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

const harness = await startBrokerHarness();
const passwords: string[] = [];
for (let i = 0; i < DEVICES; i++) passwords.push(await harness.credentials.add(`bench-${i}`));
const cold = await connectAll(harness.url, passwords);
await Promise.all(cold.clients.map((client) => client.endAsync()));
const warm = await connectAll(harness.url, passwords);
await Promise.all(warm.clients.map((client) => client.endAsync()));
const bare = await startTestBroker();
const plain = await connectAll(
  bare.url,
  passwords.map(() => ''),
);
await Promise.all(plain.clients.map((client) => client.endAsync()));
console.log(
  `${DEVICES} CONNECTs: ${cold.ms.toFixed(0)} ms cold (scrypt), ${warm.ms.toFixed(0)} ms again (cached); bare aedes, anonymous: ${plain.ms.toFixed(0)} ms`,
);
console.log(
  `QoS 1 round trip, ${ROUND_TRIPS}: embedded broker ${await roundTrips(
    harness.url,
    harness.broker.issueInternalCredential('hearth-hub'),
    { username: 'bench-0', password: passwords[0] as string },
  )}`,
);
console.log(`QoS 1 round trip, ${ROUND_TRIPS}: bare aedes      ${await roundTrips(bare.url)}`);
await bare.close();
await harness.close();
