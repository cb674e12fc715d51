import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../../../hub/config/hub-config.ts';
import { parseInput } from '../../../hub/core/parse-input.ts';

const parse = (input: Record<string, unknown>) => parseInput(hubConfigSchema, input, 'config');

describe('mqttClient config', () => {
  it('defaults to checked certificates and a 0.5–30 s reconnect backoff', () => {
    expect(parse({}).mqttClient).toEqual({
      rejectUnauthorized: true,
      reconnectMinMs: 500,
      reconnectMaxMs: 30_000,
    });
  });

  it('takes the TLS files, credentials and client id of an external broker', () => {
    const mqttClient = {
      username: 'hub',
      password: 'p',
      ca: 'ca.pem',
      cert: 'hub.pem',
      key: 'hub.key',
      clientId: 'hearth-a',
    };
    expect(parse({ mqttUrl: 'mqtts://broker:8883', mqttClient }).mqttClient).toMatchObject(mqttClient);
  });

  it.each([
    [{ cert: 'hub.pem' }, 'config.mqttClient.cert: cert and key go together'],
    [{ key: 'hub.key' }, 'config.mqttClient.cert: cert and key go together'],
    [
      { reconnectMinMs: 5000, reconnectMaxMs: 1000 },
      'config.mqttClient.reconnectMinMs: must not exceed reconnectMaxMs',
    ],
    [{ clientId: 'hub/+' }, 'config.mqttClient.clientId: must be 1..64 letters, digits, "_", "." or "-"'],
    [{ ca: '' }, 'config.mqttClient.ca: must be a file path'],
    [{ rejectUnauthorized: 'no' }, 'config.mqttClient.rejectUnauthorized: '],
    [{ tls: true }, 'config.mqttClient: '],
  ])('refuses %o with %s', (mqttClient, message) => {
    expect(() => parse({ mqttClient })).toThrow(message);
  });
});
