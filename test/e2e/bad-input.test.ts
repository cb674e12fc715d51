import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

type Result = {
  id: number | null;
  type: string;
  success: boolean;
  error?: { code: string; message: string };
};

describe('bad input gets the error Home Assistant would give, and the hub goes on serving', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let client: HubClient;

  beforeAll(async () => {
    hub = await startTestHub();
    sim = await startTestSim(hub.mqttUrl);
    client = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    client?.close();
    await sim?.stop();
    await hub?.stop();
  });

  const lastResult = () => client.next((m) => m.type === 'result') as Promise<Result>;
  const stillServes = async () => expect((await client.command({ type: 'ping' })).type).toBe('pong');

  it('answers invalid_format to a message that is not JSON', async () => {
    client.sendRaw('{"id": 1, "type": ');
    const answer = await lastResult();
    expect(answer.success).toBe(false);
    expect(answer.error?.code).toBe('invalid_format');
    await stillServes();
  });

  it('answers invalid_format to a message without an id', async () => {
    client.sendRaw(JSON.stringify({ type: 'get_states' }));
    const answer = await lastResult();
    expect(answer.error?.code).toBe('invalid_format');
    expect(answer.id).toBeNull();
    await stillServes();
  });

  it('answers unknown_command to an unknown type', async () => {
    const answer = (await client.command({ type: 'launch_rockets' })) as Result;
    expect(answer.error).toEqual({ code: 'unknown_command', message: 'Unknown command.' });
    await stillServes();
  });

  it('answers id_reuse to an id that does not increase', async () => {
    client.sendRaw(JSON.stringify({ id: 1, type: 'ping' }));
    const answer = await lastResult();
    expect(answer.error?.code).toBe('id_reuse');
    await stillServes();
  });

  it('answers not_found to a call for an unknown entity', async () => {
    const answer = (await client.command({
      type: 'call_service',
      domain: 'light',
      service: 'turn_on',
      target: { entity_id: 'light.does_not_exist' },
    })) as Result;
    expect(answer.error?.code).toBe('not_found');
    expect(answer.error?.message).toContain('light.does_not_exist');
    await stillServes();
  });

  it('answers not_found to an unknown service', async () => {
    const answer = (await client.command({
      type: 'call_service',
      domain: 'light',
      service: 'explode',
      target: { entity_id: 'light.x' },
    })) as Result;
    expect(answer.error?.code).toBe('not_found');
  });

  it('answers service_validation_error naming the field and value of an out-of-range brightness', async () => {
    const states = (await client.command({ type: 'get_states' })).result as { entity_id: string }[];
    const light = states.find((s) => s.entity_id.startsWith('light.'));
    const answer = (await client.command({
      type: 'call_service',
      domain: 'light',
      service: 'turn_on',
      service_data: { brightness: 300 },
      target: { entity_id: light?.entity_id },
    })) as Result;
    expect(answer.error?.code).toBe('service_validation_error');
    expect(answer.error?.message).toBe('service_data.brightness: must be 0..255, got 300');
    await stillServes();
  });

  it('answers auth_invalid to a bad token and closes that socket only', async () => {
    const intruder = await HubClient.open(hub.wsUrl);
    await intruder.next((m) => m.type === 'auth_required');
    intruder.sendRaw(JSON.stringify({ type: 'auth', access_token: 'not-a-token' }));
    const answer = await intruder.next((m) => m.type === 'auth_invalid');
    expect(answer.message).toBe('Invalid access token or password');
    expect(await intruder.closed()).toBe(4003);
    await stillServes();
  });

  it('refuses a browser page from another origin before the handshake', async () => {
    await expect(HubClient.open(hub.wsUrl, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const own = await HubClient.open(hub.wsUrl, { origin: hub.httpUrl });
    expect((await own.next((m) => m.type === 'auth_required')).type).toBe('auth_required');
    own.close();
  });

  it('reports health without auth', async () => {
    const response = await fetch(`${hub.httpUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});
