import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactMqttUrl, resolveMqttEndpoint } from '../../../hub/broker/mqtt-endpoint.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-endpoint-'));
const pem = path.join(dir, 'ca.pem');
writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveMqttEndpoint', () => {
  it('reads host, port and credentials from an mqtt:// URL', () => {
    expect(resolveMqttEndpoint('mqtt://hub%40home:p%3Ass@broker.lan:1884')).toEqual({
      host: 'broker.lan',
      port: 1884,
      username: 'hub@home',
      password: 'p:ss',
    });
  });

  it('defaults to 1883 for mqtt:// and 8883 for mqtts://, and strips IPv6 brackets', () => {
    expect(resolveMqttEndpoint('mqtt://[::1]').port).toBe(1883);
    expect(resolveMqttEndpoint('mqtt://[::1]').host).toBe('::1');
    expect(resolveMqttEndpoint('mqtts://broker.lan').port).toBe(8883);
  });

  it('lets mqttClient credentials override those of the URL', () => {
    const endpoint = resolveMqttEndpoint('mqtt://a:b@h', { username: 'hub', password: 'secret' });
    expect([endpoint.username, endpoint.password]).toEqual(['hub', 'secret']);
  });

  it('turns TLS on for mqtts://, with the PEM files read and certificate checks on by default', () => {
    const endpoint = resolveMqttEndpoint('mqtts://h', { ca: pem });
    expect(endpoint.tls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(endpoint.tls?.rejectUnauthorized).toBe(true);
    expect(resolveMqttEndpoint('mqtts://h', { rejectUnauthorized: false }).tls?.rejectUnauthorized).toBe(
      false,
    );
  });

  it.each([
    ['ws://h', {}, 'mqttUrl: unsupported scheme ws:// (use mqtt:// or mqtts://)'],
    ['not a url', {}, 'mqttUrl: not a URL: not a url'],
    ['mqtt://h', { ca: pem }, 'mqttClient.ca: needs an mqtts:// URL, got mqtt://'],
    ['mqtt://h', { cert: pem, key: pem }, 'mqttClient.cert: needs an mqtts:// URL, got mqtt://'],
    [
      'mqtts://h',
      { ca: path.join(dir, 'missing.pem') },
      `mqttClient.ca: cannot read ${dir}/missing.pem: ENOENT`,
    ],
  ])('refuses %s with %o', (url, config, message) => {
    expect(() => resolveMqttEndpoint(url, config)).toThrow(message);
  });
});

describe('redactMqttUrl', () => {
  it.each([
    ['mqtt://hub:secret@broker:1883', 'mqtt://hub:***@broker:1883'],
    ['mqtts://hub:s%40cret@broker', 'mqtts://hub:***@broker'],
    ['mqtt://hub@broker', 'mqtt://hub@broker'],
    ['mqtt://broker:1883', 'mqtt://broker:1883'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactMqttUrl(url)).toBe(shown);
  });
});
