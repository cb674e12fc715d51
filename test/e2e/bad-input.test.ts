import { readFileSync } from 'node:fs';
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

  it('answers invalid_format to a binary frame', async () => {
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    const answer = await lastResult();
    expect(answer.error).toEqual({ code: 'invalid_format', message: 'Binary messages are not supported.' });
    await stillServes();
  });

  it('answers invalid_format, naming the field, to a field of the wrong type', async () => {
    const answer = (await client.command({ type: 'call_service', domain: 5, service: 'turn_on' })) as Result;
    expect(answer.error?.code).toBe('invalid_format');
    expect(answer.error?.message).toMatch(/^message\.domain: .*got 5$/);
    const subscription = (await client.command({
      type: 'unsubscribe_events',
      subscription: 'all',
    })) as Result;
    expect(subscription.error?.message).toMatch(/^message\.subscription: /);
    await stillServes();
  });

  it.each([
    ['a negative id', -1],
    ['an id past 2^53', 2 ** 60],
    ['a fractional id', 1.5],
  ])('answers invalid_format to %s', async (_, id) => {
    client.sendRaw(`{"id":${id},"type":"ping"}`);
    const answer = await lastResult();
    expect(answer.error?.code).toBe('invalid_format');
    await stillServes();
  });

  it('answers the first of two messages with the same id, and id_reuse to the second', async () => {
    const id = client.sendCommand({ type: 'ping' });
    client.sendRaw(JSON.stringify({ id, type: 'get_config' }));
    expect((await client.next((m) => m.id === id && m.type === 'pong')).type).toBe('pong');
    const duplicate = (await client.next((m) => m.id === id && m.type === 'result')) as Result;
    expect(duplicate.error?.code).toBe('id_reuse');
    await stillServes();
  });

  it('answers invalid_format to JSON nested thousands deep, and to service data nested too deep', async () => {
    const other = await HubClient.connect(hub.wsUrl, hub.token);
    other.sendRaw(`{"id":7,"type":"ping","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    const answer = (await other.next((m) => m.id === 7)) as Result;
    expect(answer.error).toEqual({
      code: 'invalid_format',
      message: 'Message nested more than 32 levels deep.',
    });
    other.close();
    const deepData = JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as unknown;
    const call = (await client.command({
      type: 'call_service',
      domain: 'light',
      service: 'turn_on',
      service_data: { deep: deepData },
    })) as Result;
    expect(call.error?.code).toBe('invalid_format');
    await stillServes();
  });

  it('closes with 1007 a text frame that is not UTF-8, and serves the others', async () => {
    const other = await HubClient.connect(hub.wsUrl, hub.token);
    other.socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await other.closed()).toBe(1007);
    await stillServes();
  });

  it('closes with 1009 a frame over the 64 KiB limit, and serves the others', async () => {
    const other = await HubClient.connect(hub.wsUrl, hub.token);
    other.sendRaw(JSON.stringify({ id: 1, type: 'ping', padding: 'x'.repeat(64 * 1024) }));
    expect(await other.closed()).toBe(1009);
    // Also before authentication.
    const stranger = await HubClient.open(hub.wsUrl);
    stranger.sendRaw('x'.repeat(200 * 1024));
    expect(await stranger.closed()).toBe(1009);
    await stillServes();
  });

  it('answers rate_limited to a flood, then closes it with 1008; the others are served meanwhile', async () => {
    const flooder = await HubClient.connect(hub.wsUrl, hub.token);
    const closed = flooder.closed();
    for (let i = 0; i < 1000; i++) flooder.sendCommand({ type: 'ping' });
    expect(await closed).toBe(1008);
    const pongs = flooder.messages.filter((m) => m.type === 'pong').length;
    const limited = flooder.messages.filter(
      (m) => m.type === 'result' && (m as Result).error?.code === 'rate_limited',
    ) as Result[];
    // The burst (200) is served; what follows is refused, each with its own id, until the close.
    expect(pongs).toBeGreaterThanOrEqual(200);
    expect(pongs).toBeLessThan(300);
    expect(limited.length).toBeGreaterThan(100);
    expect(limited[0]?.id).toBeGreaterThan(200);
    expect(new Set(limited.map((m) => m.id)).size).toBe(limited.length);
    expect(limited[0]?.error?.message).toBe('Too many messages: at most 100 a second.');
    await stillServes();
    expect(hub.process.output()).toMatch(/api: 127\.0\.0\.1:\d+ \(tester\) closed: rate limit exceeded/);
  });

  it('keeps its memory bounded under floods of big messages from many connections', async () => {
    const rss = () => {
      const status = readFileSync(`/proc/${hub.process.child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
    };
    const big = JSON.stringify({ type: 'ping', padding: 'x'.repeat(8 * 1024) });
    /** Ten connections, each sending for as long as the hub lets it: a flood that persists. */
    const flood = async () => {
      const flooders = await Promise.all(
        Array.from({ length: 10 }, () => HubClient.connect(hub.wsUrl, hub.token)),
      );
      const closed = flooders.map(async (flooder) => {
        const done = flooder.closed();
        for (let i = 1; i <= 5000 && flooder.socket.readyState === flooder.socket.OPEN; i++) {
          flooder.sendRaw(big.replace('{', `{"id":${i},`));
          if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        return done;
      });
      expect(await Promise.all(closed)).toEqual(Array(10).fill(1008));
    };
    // The first flood grows the heap to its working size; the next ones, some 40 MB each, must not add to it.
    await flood();
    const warm = rss();
    await flood();
    await flood();
    expect(rss() - warm).toBeLessThan(32 * 1024 * 1024);
    await stillServes();
  });

  it('closes with 4003 a socket whose first message is not auth', async () => {
    const stranger = await HubClient.open(hub.wsUrl);
    await stranger.next((m) => m.type === 'auth_required');
    stranger.sendRaw('{"id":1,"type":"get_states"}');
    expect((await stranger.next((m) => m.type === 'auth_invalid')).type).toBe('auth_invalid');
    expect(await stranger.closed()).toBe(4003);
  });

  it('closes an unauthenticated socket after 10 s with 4001', async () => {
    const opened = Date.now();
    const silent = await HubClient.open(hub.wsUrl);
    expect(await silent.closed()).toBe(4001);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(9_500);
    await stillServes();
  }, 20_000);

  it('does not negotiate permessage-deflate, though the client offers it', () => {
    expect(client.socket.extensions).toBe('');
  });

  it('reports health without auth', async () => {
    const response = await fetch(`${hub.httpUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});
