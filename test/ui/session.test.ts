import { describe, expect, it, vi } from 'vitest';
import { createSession } from '../../ui/src/auth/session.ts';
import type { KeyValueStorage } from '../../ui/src/auth/token-storage.ts';
import {
  createTokenStorage,
  REFRESH_STORAGE_KEY,
  TOKEN_STORAGE_KEY,
} from '../../ui/src/auth/token-storage.ts';
import type { TokenSource } from '../../ui/src/connection/hub-connection.ts';
import { createHubStore } from '../../ui/src/store/hub-store.ts';

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const LOGIN = { access_token: 'acc-1', token_type: 'Bearer', expires_in: 1800, refresh_token: 'ref-1' };

/** A page at `href`, with a log of what happened in which order, and a hub answering per path. */
function page(href: string, storage = memoryStorage()) {
  const url = new URL(href);
  const log: string[] = [];
  let time = 1_000_000;
  const location = { hash: url.hash, pathname: url.pathname, search: url.search };
  const history = {
    replaceState: vi.fn((_data: unknown, _unused: string, next?: string | URL | null) => {
      log.push(`replaceState ${String(next)}`);
      location.hash = '';
    }),
  };
  const answers = new Map<string, () => Response>([
    ['/auth/token', () => new Response(JSON.stringify(LOGIN), { status: 200 })],
    ['/auth/revoke', () => new Response('{}', { status: 200 })],
    ['/api/onboarding', () => new Response(JSON.stringify([{ step: 'user', done: true }]), { status: 200 })],
  ]);
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    log.push(`fetch ${input}${init.body ? ` ${String(init.body)}` : ''}`);
    const answer = answers.get(input);
    if (!answer) throw new TypeError('fetch failed');
    return answer();
  });
  let source: TokenSource | null = null;
  const connection = {
    start: vi.fn((token: TokenSource) => {
      source = token;
      log.push('connect');
    }),
    stop: vi.fn(() => log.push('stop')),
  };
  const store = createHubStore({ callService: vi.fn(), signIn: vi.fn(), signOut: vi.fn() });
  const session = createSession({
    store,
    connection,
    tokens: createTokenStorage(storage),
    fetch,
    location,
    history,
    now: () => time,
  });
  return {
    session,
    store,
    storage,
    connection,
    fetch,
    history,
    log,
    answer(path: string, status: number, body: unknown) {
      answers.set(path, () => new Response(JSON.stringify(body), { status }));
    },
    unreachable(path: string) {
      answers.delete(path);
    },
    /** The token the connection would send in its next `auth`. */
    async token(): Promise<string> {
      if (source === null) throw new Error('not connected');
      return typeof source === 'string' ? source : source();
    },
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('session', () => {
  it('removes the login code from the address before trading it, and keeps the refresh token', async () => {
    const p = page('http://127.0.0.1:8080/?lang=en#code=ABCD-EFGH');
    await p.session.start();
    expect(p.log).toEqual([
      'replaceState /?lang=en',
      'fetch /auth/token grant_type=authorization_code&code=ABCD-EFGH',
      'connect',
    ]);
    expect(p.fetch.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(await p.token()).toBe('acc-1');
    // Only the refresh token is kept between visits; the access token lives in memory.
    expect([...p.storage.data]).toEqual([[REFRESH_STORAGE_KEY, 'ref-1']]);
    expect(p.store.auth.value).toEqual({ phase: 'signed-in', message: null });
  });

  it('removes the code even when the exchange fails, and says why', async () => {
    const p = page('http://127.0.0.1:8080/#code=USED-CODE');
    p.answer('/auth/token', 400, { error: 'invalid_grant', error_description: 'The login code has expired' });
    await p.session.start();
    expect(p.history.replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(p.store.auth.value).toEqual({ phase: 'signed-out', message: 'The login code has expired' });
    expect(p.storage.data.size).toBe(0);
    expect(p.connection.start).not.toHaveBeenCalled();
  });

  it('logs in with a name and password', async () => {
    const p = page('http://127.0.0.1:8080/');
    await p.session.signIn({ kind: 'password', name: 'ada', password: 'p&ss word=1' });
    expect(p.log).toContain('fetch /auth/token grant_type=password&username=ada&password=p%26ss+word%3D1');
    expect(p.store.auth.value.phase).toBe('signed-in');
    expect(await p.token()).toBe('acc-1');
  });

  it('shows the hub’s reason for a refused password, and keeps nothing', async () => {
    const p = page('http://127.0.0.1:8080/');
    p.answer('/auth/token', 429, {
      error: 'too_many_attempts',
      error_description: 'Too many failed logins; try again in 4 s.',
    });
    await p.session.signIn({ kind: 'password', name: 'ada', password: 'wrong' });
    expect(p.store.auth.value).toEqual({
      phase: 'signed-out',
      message: 'Too many failed logins; try again in 4 s.',
    });
    expect(p.storage.data.size).toBe(0);
  });

  it('after a reload, refreshes an access token from the stored refresh token, once, and again near expiry', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [REFRESH_STORAGE_KEY]: 'ref-9' }));
    p.answer('/auth/token', 200, { access_token: 'acc-2', token_type: 'Bearer', expires_in: 1800 });
    await p.session.start();
    expect(p.store.auth.value.phase).toBe('signed-in');
    expect(await Promise.all([p.token(), p.token()])).toEqual(['acc-2', 'acc-2']);
    expect(p.log.filter((line) => line.startsWith('fetch'))).toEqual([
      'fetch /auth/token grant_type=refresh_token&refresh_token=ref-9',
    ]);
    p.advance(29 * 60_000 + 1);
    await p.token();
    expect(p.log.filter((line) => line.startsWith('fetch'))).toHaveLength(2);
    expect(p.history.replaceState).not.toHaveBeenCalled();
  });

  it('ends the session when the hub refuses the refresh token', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [REFRESH_STORAGE_KEY]: 'revoked' }));
    p.answer('/auth/token', 400, {
      error: 'invalid_grant',
      error_description: 'The session has ended; log in again.',
    });
    await p.session.start();
    await expect(p.token()).rejects.toThrow('The session has ended');
    expect(p.storage.data.size).toBe(0);
    expect(p.connection.stop).toHaveBeenCalled();
    expect(p.store.auth.value).toEqual({
      phase: 'signed-out',
      message: 'Your session has ended; log in again.',
    });
  });

  it('keeps the session when the hub cannot be reached for a refresh: the connection tries again', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [REFRESH_STORAGE_KEY]: 'ref-9' }));
    p.unreachable('/auth/token');
    await p.session.start();
    await expect(p.token()).rejects.toThrow('Could not reach the hub');
    expect(p.storage.data.get(REFRESH_STORAGE_KEY)).toBe('ref-9');
    expect(p.store.auth.value.phase).toBe('signed-in');
  });

  it('connects with a stored long-lived token as it is, and never puts it in a URL', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [TOKEN_STORAGE_KEY]: 'stored-token' }));
    await p.session.start();
    expect(await p.token()).toBe('stored-token');
    expect(p.fetch).not.toHaveBeenCalled();
    expect(p.store.auth.value.phase).toBe('signed-in');
  });

  it('offers onboarding when the hub has no user, and the login view when it has', async () => {
    const fresh = page('http://127.0.0.1:8080/');
    fresh.answer('/api/onboarding', 200, [{ step: 'user', done: false }]);
    await fresh.session.start();
    expect(fresh.store.auth.value).toEqual({ phase: 'onboarding', message: null });
    const setUp = page('http://127.0.0.1:8080/');
    await setUp.session.start();
    expect(setUp.store.auth.value).toEqual({ phase: 'signed-out', message: null });
    expect(setUp.connection.start).not.toHaveBeenCalled();
  });

  it('creates the owner on onboarding, then logs in with the code the hub answers', async () => {
    const p = page('http://127.0.0.1:8080/');
    p.answer('/api/onboarding/users', 200, { auth_code: 'OWNR-CODE' });
    await p.session.signIn({ kind: 'onboarding', name: 'ada', password: 'correct horse' });
    expect(p.log).toEqual([
      'fetch /api/onboarding/users {"name":"ada","password":"correct horse"}',
      'fetch /auth/token grant_type=authorization_code&code=OWNR-CODE',
      'connect',
    ]);
    expect(p.store.auth.value.phase).toBe('signed-in');
  });

  it('stays on onboarding with the hub’s reason when it refuses the owner', async () => {
    const p = page('http://127.0.0.1:8080/');
    p.answer('/api/onboarding/users', 400, { message: 'The password must be at least 8 characters.' });
    await p.session.signIn({ kind: 'onboarding', name: 'ada', password: 'short' });
    expect(p.store.auth.value).toEqual({
      phase: 'onboarding',
      message: 'The password must be at least 8 characters.',
    });
  });

  it('signs in with a pasted token once the hub accepts it', async () => {
    const p = page('http://127.0.0.1:8080/');
    await p.session.signIn({ kind: 'secret', text: '  eyJhbGciOiJIUzI1NiJ9.payload.signature \n' });
    expect(await p.token()).toBe('eyJhbGciOiJIUzI1NiJ9.payload.signature');
    expect(p.store.auth.value.phase).toBe('signing-in');
    p.session.accepted();
    expect(p.store.auth.value.phase).toBe('signed-in');
  });

  it('signs in with a pasted login link', async () => {
    const p = page('http://127.0.0.1:8080/');
    await p.session.signIn({ kind: 'secret', text: 'http://127.0.0.1:8080/#code=WXYZ-1234' });
    expect(p.log).toContain('fetch /auth/token grant_type=authorization_code&code=WXYZ-1234');
    expect(await p.token()).toBe('acc-1');
  });

  it('reconnects with a fresh access token after one auth_invalid, and gives up after two', async () => {
    const p = page('http://127.0.0.1:8080/#code=ABCD-EFGH');
    await p.session.start();
    p.answer('/auth/token', 200, { access_token: 'acc-2', token_type: 'Bearer', expires_in: 1800 });
    p.session.rejected('Invalid access token or password');
    expect(p.connection.start).toHaveBeenCalledTimes(2);
    expect(await p.token()).toBe('acc-2');
    p.session.rejected('Invalid access token or password');
    expect(p.storage.data.size).toBe(0);
    expect(p.connection.stop).toHaveBeenCalled();
    expect(p.store.auth.value).toEqual({
      phase: 'signed-out',
      message: 'The hub did not accept the access token: Invalid access token or password',
    });
  });

  it('drops a rejected long-lived token at once and shows the login view with the message', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [TOKEN_STORAGE_KEY]: 'revoked' }));
    await p.session.start();
    p.session.rejected('Invalid access token or password');
    expect(p.storage.data.size).toBe(0);
    expect(p.store.auth.value.phase).toBe('signed-out');
  });

  it('logs out: revokes the refresh token, forgets it and the house', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [REFRESH_STORAGE_KEY]: 'ref-9' }));
    await p.session.start();
    p.store.replaceEntities({ 'switch.fan': { s: 'on', a: {}, c: 'x', lc: 0 } });
    p.session.signOut();
    expect(p.log).toContain('fetch /auth/revoke token=ref-9');
    expect(p.storage.data.size).toBe(0);
    expect(p.connection.stop).toHaveBeenCalled();
    expect(p.store.entities.value.size).toBe(0);
    expect(p.store.auth.value).toEqual({ phase: 'signed-out', message: null });
  });

  it('says when the hub cannot be reached for the exchange', async () => {
    const p = page('http://127.0.0.1:8080/#code=ABCD-EFGH');
    p.unreachable('/auth/token');
    await p.session.start();
    expect(p.store.auth.value).toEqual({
      phase: 'signed-out',
      message: 'Could not reach the hub. Is it running?',
    });
  });
});

describe('token storage', () => {
  it('keeps one credential: a login replaces a pasted token and the other way round', () => {
    const storage = memoryStorage();
    const tokens = createTokenStorage(storage);
    tokens.write({ kind: 'access', token: 'long-lived' });
    tokens.write({ kind: 'refresh', token: 'ref' });
    expect([...storage.data]).toEqual([[REFRESH_STORAGE_KEY, 'ref']]);
    expect(tokens.read()).toEqual({ kind: 'refresh', token: 'ref' });
  });

  it('falls back to memory when localStorage throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const tokens = createTokenStorage(broken);
    tokens.write({ kind: 'refresh', token: 't' });
    expect(tokens.read()).toEqual({ kind: 'refresh', token: 't' });
    tokens.clear();
    expect(tokens.read()).toBeNull();
  });
});
