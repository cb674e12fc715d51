import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ApiAuth } from '../../../hub/api/api-auth.ts';
import { serveMetrics } from '../../../hub/api/metrics-route.ts';
import type { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import type { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { HubMetrics } from '../../../hub/core/hub-metrics.ts';
import type { StateMachine } from '../../../hub/core/state-machine.ts';

const metrics = new HubMetrics({
  states: { size: 0, all: () => [] } as unknown as StateMachine,
  entities: { get: () => undefined } as unknown as EntityRegistry,
  devices: { list: () => [] } as unknown as DeviceRegistry,
  recorderQueue: () => 0,
});
const apiAuth = {
  check: (token: string) => (token === 'good' ? { user: { id: 'u', name: 'ops' } } : { error: 'invalid' }),
} as unknown as ApiAuth;

async function get(remoteAddress: string, authorization?: string): Promise<number> {
  let status = 0;
  const req = {
    method: 'GET',
    headers: authorization ? { authorization } : {},
    socket: { remoteAddress },
  } as unknown as IncomingMessage;
  const res = {
    writeHead: (code: number) => {
      status = code;
    },
    end: () => {},
  } as unknown as ServerResponse;
  await serveMetrics(metrics, apiAuth, req, res);
  return status;
}

describe('the /metrics door', () => {
  it('is open to a scraper on the same machine, over IPv4, IPv6 and IPv4-mapped IPv6', async () => {
    expect(await get('127.0.0.1')).toBe(200);
    expect(await get('::1')).toBe(200);
    expect(await get('::ffff:127.0.0.1')).toBe(200);
  });

  it('asks any other address for a valid bearer token', async () => {
    expect(await get('192.168.1.20')).toBe(401);
    expect(await get('192.168.1.20', 'Bearer wrong')).toBe(401);
    expect(await get('192.168.1.20', 'Bearer good')).toBe(200);
  });
});
