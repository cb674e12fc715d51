import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MqttClientTransport } from '../../../hub/broker/mqtt-client-transport.ts';
import { resolveMqttEndpoint } from '../../../hub/broker/mqtt-endpoint.ts';
import type { Clock } from '../../../hub/core/clock.ts';
import { createLogger } from '../../../hub/core/logger.ts';
import { startTestBroker, type TestBroker } from '../../device-sim/test-broker.ts';
import type { TcpProxy } from '../../helpers/tcp-proxy.ts';
import { startTcpProxy } from '../../helpers/tcp-proxy.ts';

/** Real timers, and a `now()` a test can move forward to make held messages stale at once. */
function skippableClock(): Clock & { skip(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    skip: (ms) => {
      offset += ms;
    },
  };
}

describe('MqttClientTransport through a link that fails (aedes behind a TCP proxy)', () => {
  let broker: TestBroker;
  let proxy: TcpProxy;
  let device: MqttClient;
  let transport: MqttClientTransport;
  let clock: ReturnType<typeof skippableClock>;
  const received: string[] = [];
  const links: boolean[] = [];

  beforeEach(async () => {
    broker = await startTestBroker();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(broker.url).port) });
    device = await mqtt.connectAsync(broker.url, { clientId: 'device' });
    device.on('message', (_topic, payload) => received.push(payload.toString()));
    await device.subscribeAsync('lamp/set', { qos: 1 });
    clock = skippableClock();
    transport = new MqttClientTransport({
      endpoint: resolveMqttEndpoint(proxy.url),
      displayUrl: proxy.url,
      clientId: 'hub',
      log: createLogger('silent'),
      clock,
      reconnect: { minMs: 20, maxMs: 100 },
      holdMs: 5000,
    });
    transport.onConnectionChange((up) => links.push(up));
    await transport.connect();
  });

  afterEach(async () => {
    received.length = 0;
    links.length = 0;
    await transport.close();
    await device.endAsync(true);
    await proxy.close();
    await broker.close();
  });

  const lose = async () => {
    proxy.cut();
    await vi.waitFor(() => expect(transport.connected).toBe(false));
  };
  const regain = async () => {
    proxy.restore();
    await vi.waitFor(() => expect(transport.connected).toBe(true), { timeout: 5000 });
  };

  it('reports each loss and each return of the link', async () => {
    await lose();
    await regain();
    expect(links).toEqual([true, false, true]);
  });

  it('subscribes again on reconnect and receives the retained state published meanwhile', async () => {
    const states: string[] = [];
    transport.subscribe('lamp/state', (_topic, payload) => states.push(payload.toString()));
    await device.publishAsync('lamp/state', 'OFF', { retain: true, qos: 1 });
    await vi.waitFor(() => expect(states).toEqual(['OFF']));
    await lose();
    await device.publishAsync('lamp/state', 'ON', { retain: true, qos: 1 });
    await regain();
    await vi.waitFor(() => expect(states).toEqual(['OFF', 'ON']));
  });

  it('runs the reconnect listeners on a reconnect, not on the first connection', async () => {
    let births = 0;
    transport.onReconnect(() => births++);
    expect(births).toBe(0);
    await lose();
    await regain();
    expect(births).toBe(1);
  });

  it('sends a command made while disconnected once the link is back, within its deadline', async () => {
    await lose();
    transport.publish('lamp/set', 'ON', { qos: 1 });
    await regain();
    await vi.waitFor(() => expect(received).toEqual(['ON']));
  });

  it('never sends a command whose deadline passed while disconnected', async () => {
    await lose();
    transport.publish('lamp/set', 'STALE', { qos: 1 });
    transport.publish('lamp/set', 'STALE-QOS0');
    clock.skip(5000);
    await regain();
    // Held messages go out before anything published after the reconnect: if the stale ones were
    // sent, they would arrive before this one.
    transport.publish('lamp/set', 'FRESH', { qos: 1 });
    await vi.waitFor(() => expect(received).toContain('FRESH'));
    expect(received).toEqual(['FRESH']);
  });

  it('closes within its grace when the broker stops acknowledging a command in flight', async () => {
    // The broker takes the PUBLISH and never answers PUBACK, as one that hangs.
    broker.broker.authorizePublish = () => {};
    transport.publish('lamp/set', 'ON', { qos: 1 });
    await transport.close();
    expect(received).toEqual([]);
  });

  it('refuses the first connection with the reason, and does not retry it', async () => {
    const closed = await startTcpProxy({ host: '127.0.0.1', port: 9 });
    closed.cut();
    const doomed = new MqttClientTransport({
      endpoint: resolveMqttEndpoint(closed.url),
      displayUrl: closed.url,
      clientId: 'doomed',
      log: createLogger('silent'),
      clock,
      reconnect: { minMs: 20, maxMs: 100 },
      holdMs: 5000,
    });
    await expect(doomed.connect()).rejects.toThrow(`cannot connect to ${closed.url}: `);
    expect(doomed.connected).toBe(false);
    await doomed.close();
    await closed.close();
  });
});
