import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, TEST_USER } from '../helpers/start-test-hub.ts';

type Json = Record<string, unknown>;

async function token(
  hub: TestHub,
  fields: Record<string, string>,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(`${hub.httpUrl}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}

const logIn = (hub: TestHub, password: string = TEST_USER.password) =>
  token(hub, { grant_type: 'password', username: TEST_USER.name, password });

const states = (hub: TestHub, bearer: string) =>
  fetch(`${hub.httpUrl}/api/states`, { headers: { Authorization: `Bearer ${bearer}` } }).then(
    (r) => r.status,
  );

describe('logins, tokens and revocation', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ env: { HEARTH_LOG_LEVEL: 'info', HEARTH_LOGIN_BAN_AFTER_FAILURES: '3' } });
  });
  afterAll(() => hub?.stop());

  it('logs in with a name and password: a 30-minute access token and a refresh token', async () => {
    const { status, body } = await logIn(hub);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const client = await HubClient.connect(hub.wsUrl, body.access_token as string);
    expect((await client.command({ type: 'auth/current_user' })).result).toMatchObject({
      name: TEST_USER.name,
    });
    client.close();
    // The refresh token opens nothing by itself.
    expect(await states(hub, body.refresh_token as string)).toBe(401);
  });

  it('refreshes an access token, until the refresh token is revoked; its connections close at once', async () => {
    const login = (await logIn(hub)).body;
    const refreshed = await token(hub, {
      grant_type: 'refresh_token',
      refresh_token: login.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    const access = refreshed.body.access_token as string;
    expect(await states(hub, access)).toBe(200);
    const open = await HubClient.connect(hub.wsUrl, access);

    const revoke = await fetch(`${hub.httpUrl}/auth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: login.refresh_token as string }),
    });
    expect(revoke.status).toBe(200);
    expect(await open.closed()).toBe(4003);
    expect(await states(hub, access)).toBe(401);
    const again = await token(hub, {
      grant_type: 'refresh_token',
      refresh_token: login.refresh_token as string,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('names, lists and revokes long-lived tokens over the WebSocket, as Home Assistant’s profile page does', async () => {
    const login = (await logIn(hub)).body;
    const client = await HubClient.connect(hub.wsUrl, login.access_token as string);
    const created = await client.command({
      type: 'auth/long_lived_access_token',
      client_name: 'backup script',
      lifespan: 30,
    });
    const longLived = created.result as string;
    expect(longLived).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await states(hub, longLived)).toBe(200);
    const script = await HubClient.connect(hub.wsUrl, longLived);

    const listed = (await client.command({ type: 'auth/refresh_tokens' })).result as Json[];
    const entry = listed.find((t) => t.client_name === 'backup script');
    expect(entry).toMatchObject({
      type: 'long_lived_access_token',
      is_current: false,
      last_used_ip: '127.0.0.1',
    });
    expect(entry?.expires_at).toEqual(expect.any(String));
    expect(listed.filter((t) => t.is_current)).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(longLived);

    const deleted = await client.command({ type: 'auth/delete_refresh_token', refresh_token_id: entry?.id });
    expect(deleted.success).toBe(true);
    expect(await script.closed()).toBe(4003);
    expect(await states(hub, longLived)).toBe(401);
    const missing = await client.command({ type: 'auth/delete_refresh_token', refresh_token_id: entry?.id });
    expect(missing.error).toMatchObject({ code: 'not_found' });
    const bad = await client.command({ type: 'auth/long_lived_access_token', client_name: '', lifespan: 30 });
    expect(bad.error).toMatchObject({ code: 'invalid_format' });
    client.close();
  });

  it('stops taking a token revoked with the CLI while the hub runs', async () => {
    const { body } = await logIn(hub);
    const listed = await runCli(['token', 'list', '--data', hub.dataDir]);
    const id = listed.stdout
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([, , kind]) => kind === 'session')
      .at(-1)?.[0];
    expect((await runCli(['token', 'revoke', id as string, '--data', hub.dataDir])).code).toBe(0);
    expect(await states(hub, body.access_token as string)).toBe(401);
  });

  it('never takes a token from the URL', async () => {
    const response = await fetch(`${hub.httpUrl}/api/states?access_token=${hub.token}`);
    expect(response.status).toBe(401);
    const client = await HubClient.open(`${hub.wsUrl}?access_token=${hub.token}`);
    expect((await client.next((m) => m.type === 'auth_required')).type).toBe('auth_required');
    client.sendRaw(JSON.stringify({ type: 'get_states', id: 1 }));
    expect((await client.next((m) => m.type === 'auth_invalid')).type).toBe('auth_invalid');
    expect(await client.closed()).toBe(4003);
  });

  it('refuses a wrong password, then slows the address down: 429 with Retry-After', async () => {
    const wrong = await logIn(hub, 'not the password');
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid username or password.' },
    });
    await logIn(hub, 'still not it');
    await token(hub, { grant_type: 'authorization_code', code: 'NOPE-NOPE' });
    const throttled = await logIn(hub);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ error: 'too_many_attempts' });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Loopback is slowed down, never banned, unless told: the panel is still served.
    expect((await fetch(`${hub.httpUrl}/`)).status).toBe(200);
  });

  it('logs logins and refusals with the user and the address, never a password or a token', async () => {
    const output = hub.process.output();
    expect(output).toMatch(/auth: tester logged in from 127\.0\.0\.1 \(password\)/);
    expect(output).toMatch(/auth: login failed for "tester" from 127\.0\.0\.1/);
    expect(output).toMatch(/auth: rest from 127\.0\.0\.1 refused: invalid access token/);
    expect(output).toMatch(/auth: refresh from 127\.0\.0\.1 refused/);
    for (const secret of [TEST_USER.password, 'not the password', 'still not it', hub.token])
      expect(output).not.toContain(secret);
  });
});

describe('a ban for failed logins', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({
      env: { HEARTH_LOGIN_BAN_AFTER_FAILURES: '2', HEARTH_LOGIN_BAN_LOOPBACK: 'true' },
    });
  });
  afterAll(() => hub?.stop());

  it('bans the address from every door but /api/health once configured to ban loopback too', async () => {
    await logIn(hub, 'wrong one');
    await logIn(hub, 'wrong two');
    const banned = await logIn(hub);
    expect(banned).toMatchObject({ status: 403 });
    expect((await fetch(`${hub.httpUrl}/`)).status).toBe(403);
    expect(await states(hub, hub.token)).toBe(403);
    await expect(HubClient.open(hub.wsUrl)).rejects.toThrow(/403/);
    expect((await fetch(`${hub.httpUrl}/api/health`)).status).toBe(200);
    expect(hub.process.output()).toMatch(/auth: 127\.0\.0\.1 banned for 60 min after 2 failed logins/);
  });
});

describe('the first start', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ withoutUser: true });
  });
  afterAll(() => hub?.stop());

  const onboarding = () => fetch(`${hub.httpUrl}/api/onboarding`).then((r) => r.json());
  const createOwner = (body: Json) =>
    fetch(`${hub.httpUrl}/api/onboarding/users`, { method: 'POST', body: JSON.stringify(body) });

  it('says so, and offers onboarding until the owner exists, once', async () => {
    expect(hub.process.output()).toMatch(/set up: http:\/\/127\.0\.0\.1:\d+\/ {2}\(no user yet/);
    expect(await onboarding()).toEqual([{ step: 'user', done: false }]);
    const weak = await createOwner({ name: 'ada', password: 'short' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toEqual({ message: 'The password must be at least 8 characters.' });

    const created = await createOwner({ name: 'ada', password: 'correct horse battery' });
    expect(created.status).toBe(200);
    const { auth_code: code } = (await created.json()) as { auth_code: string };
    const login = await token(hub, { grant_type: 'authorization_code', code });
    expect(login.status).toBe(200);
    const client = await HubClient.connect(hub.wsUrl, login.body.access_token as string);
    expect((await client.command({ type: 'auth/current_user' })).result).toMatchObject({
      name: 'ada',
      is_owner: true,
    });
    client.close();

    expect(await onboarding()).toEqual([{ step: 'user', done: true }]);
    const late = await createOwner({ name: 'mallory', password: 'correct horse battery' });
    expect(late.status).toBe(403);
    const users = await runCli(['user', 'list', '--data', hub.dataDir]);
    expect(users.stdout).toMatch(/^ada\towner\tpassword/);
    expect(users.stdout).not.toContain('mallory');
  });
});
