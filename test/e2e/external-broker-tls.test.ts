import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestMosquitto } from '../helpers/start-mosquitto.ts';
import { startMosquitto } from '../helpers/start-mosquitto.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';
import type { TestCertificates } from '../helpers/test-certificates.ts';
import { makeTestCertificates } from '../helpers/test-certificates.ts';
import { TestDevice } from '../helpers/test-device.ts';

const HUB_PASSWORD = 'hub-secret-4711';

/**
 * A production-like broker: Mosquitto requiring a password from everyone, and on its TLS listener
 * a client certificate signed by its CA. Devices use the plain listener with their own password.
 */
describe('an external broker over mqtts, with a password and a client certificate', () => {
  let certs: TestCertificates;
  let mosquitto: TestMosquitto;
  let configDir: string;
  let tlsUrl: string;

  beforeAll(async () => {
    certs = makeTestCertificates();
    mosquitto = await startMosquitto({
      users: { hub: HUB_PASSWORD, device: 'device-secret' },
      tls: {
        caFile: certs.caFile,
        certFile: certs.serverCertFile,
        keyFile: certs.serverKeyFile,
        requireCertificate: true,
      },
    });
    tlsUrl = `mqtts://localhost:${mosquitto.tlsPort}`;
    configDir = mkdtempSync(path.join(tmpdir(), 'hearth-tls-'));
  });

  afterAll(async () => {
    await mosquitto?.stop();
    certs?.remove();
    rmSync(configDir, { recursive: true, force: true });
  });

  let configs = 0;
  const configFile = (mqttClient: Record<string, unknown>): string => {
    const file = path.join(configDir, `hearth-${++configs}.json`);
    writeFileSync(file, JSON.stringify({ mqttClient }));
    return file;
  };
  const tlsFiles = () => ({ ca: certs.caFile, cert: certs.clientCertFile, key: certs.clientKeyFile });

  /** `hearth start` that is expected to fail: its exit code and what it said. */
  const failedStart = async (url: string, mqttClient: Record<string, unknown>) => {
    const data = mkdtempSync(path.join(configDir, 'data-'));
    return runCli([
      'start',
      '--data',
      data,
      '--http-port',
      '0',
      '--mqtt-url',
      url,
      '--config',
      configFile(mqttClient),
    ]);
  };

  it('runs the round trip through it, and never prints the password', async () => {
    let hub: TestHub | undefined;
    let device: TestDevice | undefined;
    let client: HubClient | undefined;
    try {
      // The credentials in the URL, the TLS files in the config: both places work.
      hub = await startTestHub({
        args: [
          '--mqtt-url',
          `mqtts://hub:${HUB_PASSWORD}@localhost:${mosquitto.tlsPort}`,
          '--config',
          configFile(tlsFiles()),
        ],
      });
      expect(hub.mqttUrl).toBe(`mqtts://hub:***@localhost:${mosquitto.tlsPort}`);
      device = await TestDevice.connect(
        `mqtt://device:device-secret@127.0.0.1:${mosquitto.port}`,
        'tls_relay',
        {
          component: 'switch',
          initial: 'OFF',
        },
      );
      client = await HubClient.connect(hub.wsUrl, hub.token);
      for (let i = 0; i < 200; i++) {
        const states = (await client.command({ type: 'get_states' })).result as {
          entity_id: string;
          state: string;
        }[];
        if (states.find((s) => s.entity_id === 'switch.tls_relay')?.state === 'off') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const answer = await client.command({
        type: 'call_service',
        domain: 'switch',
        service: 'turn_on',
        target: { entity_id: 'switch.tls_relay' },
      });
      expect(answer.success).toBe(true);
      expect(device.received).toEqual(['ON']);
      expect(hub.process.output()).not.toContain(HUB_PASSWORD);
    } finally {
      client?.close();
      await device?.close();
      await hub?.stop();
    }
  });

  // Each only starts a hub that fails at once: they run side by side.
  it.concurrent('refuses to start with a wrong password, and says the broker refused it', async () => {
    const result = await failedStart(tlsUrl, { ...tlsFiles(), username: 'hub', password: 'wrong' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `hearth: cannot connect to ${tlsUrl}: Connection refused: Not authorized`,
    );
    expect(result.stderr).not.toContain('wrong');
  });

  it.concurrent('refuses a broker whose certificate was not signed by the configured CA', async () => {
    const result = await failedStart(tlsUrl, {
      ...tlsFiles(),
      ca: certs.otherCaFile,
      username: 'hub',
      password: HUB_PASSWORD,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(new RegExp(`cannot connect to ${tlsUrl}: .*(certificate|verify)`));
  });

  it.concurrent('is refused by a broker that requires a client certificate when it has none', async () => {
    const result = await failedStart(tlsUrl, { ca: certs.caFile, username: 'hub', password: HUB_PASSWORD });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(new RegExp(`hearth: cannot connect to ${tlsUrl}: .*certificate required`));
  });

  it.concurrent('names the key of a certificate file it cannot read', async () => {
    const missing = path.join(configDir, 'missing.pem');
    const result = await failedStart(tlsUrl, { ...tlsFiles(), cert: missing });
    expect(result.stderr).toContain(`hearth: mqttClient.cert: cannot read ${missing}: ENOENT`);
  });
});
