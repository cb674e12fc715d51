import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectMqtt, parseMqttUrl } from '../../device-sim/mqtt-connect.ts';
import { startTestBroker, type TestBroker } from './test-broker.ts';

describe('parseMqttUrl', () => {
  it.each([
    ['mqtt://127.0.0.1:1884', { host: '127.0.0.1', port: 1884 }],
    ['mqtt://broker.local', { host: 'broker.local', port: 1883 }],
    ['tcp://[::1]:1883', { host: '::1', port: 1883 }],
    [
      'mqtt://dev%40home:s%3Acret@localhost:1883',
      { host: 'localhost', port: 1883, username: 'dev@home', password: 's:cret' },
    ],
  ])('reads %s', (url, endpoint) => {
    expect(parseMqttUrl(url)).toEqual(endpoint);
  });

  it.each([
    ['localhost:1883', /only mqtt:\/\//],
    ['ws://localhost:8080', /only mqtt:\/\//],
    ['nonsense', /not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => parseMqttUrl(url)).toThrow(message);
  });
});

describe('connectMqtt', () => {
  let broker: TestBroker | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  it('connects with TCP_NODELAY on the socket it builds', async () => {
    broker = await startTestBroker();
    const spy = vi.spyOn(net, 'createConnection');
    let calls: unknown[][] = [];
    try {
      const client = await connectMqtt(broker.url, { clientId: 'nodelay-check' });
      calls = [...spy.mock.calls];
      await client.endAsync();
    } finally {
      spy.mockRestore();
    }
    expect(calls).toEqual([[expect.objectContaining({ noDelay: true, host: '127.0.0.1' })]]);
  });

  it('rejects when nothing listens, without retrying in the background', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(connectMqtt(`mqtt://127.0.0.1:${port}`, { clientId: 'nobody-home' })).rejects.toThrow(
      /ECONNREFUSED|closed/,
    );
  });
});
