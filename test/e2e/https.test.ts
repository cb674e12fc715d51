import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SelfSignedCert } from '../helpers/self-signed-cert.ts';
import { makeSelfSignedCert } from '../helpers/self-signed-cert.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

function get(url: string, ca: Buffer): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('the panel and the APIs over HTTPS', () => {
  let cert: SelfSignedCert;
  let hub: TestHub;

  beforeAll(async () => {
    cert = makeSelfSignedCert();
    hub = await startTestHub({ env: { HEARTH_TLS_CERT: cert.certFile, HEARTH_TLS_KEY: cert.keyFile } });
  });
  afterAll(async () => {
    await hub?.stop();
    cert?.remove();
  });

  it('prints an https address and serves the panel with its certificate', async () => {
    expect(hub.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const page = await get(`${hub.httpUrl}/`, cert.cert);
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('speaks WSS, and the page’s https origin is its own', async () => {
    const socket = new WebSocket(hub.wsUrl, { ca: cert.cert, origin: hub.httpUrl });
    const messages: Record<string, unknown>[] = [];
    const authOk = new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>;
        messages.push(message);
        if (message.type === 'auth_required')
          socket.send(JSON.stringify({ type: 'auth', access_token: hub.token }));
        if (message.type === 'auth_ok') resolve();
        if (message.type === 'auth_invalid') reject(new Error('auth_invalid'));
      });
      socket.on('error', reject);
    });
    await authOk;
    expect(hub.wsUrl).toMatch(/^wss:/);
    socket.close();
  });

  it('answers no plain HTTP on its port', async () => {
    await expect(fetch(hub.httpUrl.replace('https:', 'http:'))).rejects.toThrow();
  });

  it('refuses to start with a key that does not belong to the certificate', async () => {
    const other = makeSelfSignedCert();
    try {
      await expect(
        startTestHub({ env: { HEARTH_TLS_CERT: cert.certFile, HEARTH_TLS_KEY: other.keyFile } }),
      ).rejects.toThrow(/tls\.cert and tls\.key are not a certificate and its key/);
    } finally {
      other.remove();
    }
  });
});
