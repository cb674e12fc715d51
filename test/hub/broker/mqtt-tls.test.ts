import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCert, type SelfSignedCert } from '../../helpers/self-signed-cert.ts';
import { type BrokerHarness, connackCode, connectClient, startBrokerHarness } from './broker-harness.ts';

let cert: SelfSignedCert;
let harness: BrokerHarness;

beforeAll(async () => {
  cert = makeSelfSignedCert();
  harness = await startBrokerHarness({
    mqtt: { tlsPort: 0, tls: { cert: cert.certFile, key: cert.keyFile } },
  });
});
afterAll(async () => {
  await harness?.close();
  cert?.remove();
});

describe('the mqtts listener', () => {
  it('carries a device with its credential over TLS, verified against the certificate', async () => {
    const url = harness.broker.tlsUrl;
    expect(url).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    const password = await harness.credentials.add('garage-door');
    const hub = await harness.hubClient();
    await hub.subscribeAsync('hearth/garage-door');
    const device = await connectClient(url as string, {
      clientId: 'garage-door',
      username: 'garage-door',
      password,
      ca: cert.cert,
      servername: 'localhost',
      rejectUnauthorized: true,
    });
    const got = new Promise<string>((resolve) => hub.on('message', (_t, p) => resolve(p.toString())));
    await device.publishAsync('hearth/garage-door', '{"state":"closed"}', { qos: 1 });
    expect(await got).toBe('{"state":"closed"}');
    device.end(true);
    await harness.waitForLog(
      /"garage-door" connected as user "garage-door" from 127\.0\.0\.1:\d+ on mqtts:\/\/127\.0\.0\.1:/,
    );
  });

  it('admits anonymous clients on a TLS listener on loopback, as on the plain one', async () => {
    expect(
      await connackCode(harness.broker.tlsUrl as string, {
        clientId: 'anon',
        ca: cert.cert,
        servername: 'localhost',
      }),
    ).toBe(0);
  });

  it('fails the handshake of a client that does not trust the certificate', async () => {
    await expect(
      connectClient(harness.broker.tlsUrl as string, { clientId: 'x', rejectUnauthorized: true }),
    ).rejects.toThrow(/self.signed|certificate/i);
  });
});
