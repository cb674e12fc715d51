import { describe, expect, it, vi } from 'vitest';
import { createSession } from '../../ui/src/auth/session.ts';
import type { KeyValueStorage } from '../../ui/src/auth/token-storage.ts';
import { createTokenStorage, TOKEN_STORAGE_KEY } from '../../ui/src/auth/token-storage.ts';
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

/** A page at `href`, with a log of what happened in which order. */
function page(href: string, storage = memoryStorage()) {
  const url = new URL(href);
  const log: string[] = [];
  const location = { hash: url.hash, pathname: url.pathname, search: url.search };
  const history = {
    replaceState: vi.fn((_data: unknown, _unused: string, next?: string | URL | null) => {
      log.push(`replaceState ${String(next)}`);
      location.hash = '';
    }),
  };
  let answer = new Response(JSON.stringify({ access_token: 'tok-123', token_type: 'Bearer' }), {
    status: 200,
  });
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    log.push(`fetch ${input} ${String(init.body)}`);
    return answer;
  });
  const connection = { start: vi.fn((token: string) => log.push(`connect ${token}`)), stop: vi.fn() };
  const store = createHubStore({ callService: vi.fn(), signIn: vi.fn(), signOut: vi.fn() });
  const session = createSession({
    store,
    connection,
    tokens: createTokenStorage(storage),
    fetch,
    location,
    history,
  });
  return {
    session,
    store,
    storage,
    connection,
    fetch,
    history,
    log,
    answerWith(status: number, body: unknown) {
      answer = new Response(JSON.stringify(body), { status });
    },
  };
}

describe('session', () => {
  it('removes the login code from the address before trading it for a token', async () => {
    const p = page('http://127.0.0.1:8080/?lang=en#code=ABCD-EFGH');
    await p.session.start();
    expect(p.log).toEqual([
      'replaceState /?lang=en',
      'fetch /auth/token grant_type=authorization_code&code=ABCD-EFGH',
      'connect tok-123',
    ]);
    expect(p.fetch.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(p.storage.data.get(TOKEN_STORAGE_KEY)).toBe('tok-123');
    expect(p.store.auth.value).toEqual({ phase: 'signed-in', message: null });
  });

  it('removes the code even when the exchange fails, and says why', async () => {
    const p = page('http://127.0.0.1:8080/#code=USED-CODE');
    p.answerWith(400, { error: 'invalid_grant', error_description: 'The login code has expired' });
    await p.session.start();
    expect(p.history.replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(p.store.auth.value).toEqual({ phase: 'signed-out', message: 'The login code has expired' });
    expect(p.storage.data.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(p.connection.start).not.toHaveBeenCalled();
  });

  it('connects with the stored token, and never puts it in a URL', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [TOKEN_STORAGE_KEY]: 'stored-token' }));
    await p.session.start();
    expect(p.connection.start).toHaveBeenCalledWith('stored-token');
    expect(p.history.replaceState).not.toHaveBeenCalled();
    expect(p.fetch).not.toHaveBeenCalled();
    expect(p.store.auth.value.phase).toBe('signed-in');
  });

  it('shows the login view without a stored token', async () => {
    const p = page('http://127.0.0.1:8080/');
    await p.session.start();
    expect(p.store.auth.value).toEqual({ phase: 'signed-out', message: null });
    expect(p.connection.start).not.toHaveBeenCalled();
  });

  it('signs in with a pasted token once the hub accepts it', async () => {
    const p = page('http://127.0.0.1:8080/');
    await p.session.start();
    await p.session.signIn('  eyJhbGciOiJIUzI1NiJ9.payload.signature \n');
    expect(p.connection.start).toHaveBeenCalledWith('eyJhbGciOiJIUzI1NiJ9.payload.signature');
    expect(p.store.auth.value.phase).toBe('signing-in');
    p.session.accepted();
    expect(p.store.auth.value.phase).toBe('signed-in');
  });

  it('signs in with a pasted login link', async () => {
    const p = page('http://127.0.0.1:8080/');
    await p.session.signIn('http://127.0.0.1:8080/#code=WXYZ-1234');
    expect(p.log).toContain('fetch /auth/token grant_type=authorization_code&code=WXYZ-1234');
    expect(p.connection.start).toHaveBeenCalledWith('tok-123');
  });

  it('drops a rejected token and shows the login view with the message', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [TOKEN_STORAGE_KEY]: 'revoked' }));
    await p.session.start();
    p.session.rejected('Invalid access token or password');
    expect(p.storage.data.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(p.connection.stop).toHaveBeenCalled();
    expect(p.store.auth.value).toEqual({
      phase: 'signed-out',
      message: 'The hub did not accept the access token: Invalid access token or password',
    });
  });

  it('logs out: forgets the token and the house', async () => {
    const p = page('http://127.0.0.1:8080/', memoryStorage({ [TOKEN_STORAGE_KEY]: 'tok' }));
    await p.session.start();
    p.store.replaceEntities({ 'switch.fan': { s: 'on', a: {}, c: 'x', lc: 0 } });
    p.session.signOut();
    expect(p.storage.data.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(p.connection.stop).toHaveBeenCalled();
    expect(p.store.entities.value.size).toBe(0);
    expect(p.store.auth.value).toEqual({ phase: 'signed-out', message: null });
  });

  it('says when the hub cannot be reached for the exchange', async () => {
    const p = page('http://127.0.0.1:8080/#code=ABCD-EFGH');
    p.fetch.mockRejectedValueOnce(new TypeError('fetch failed'));
    await p.session.start();
    expect(p.store.auth.value).toEqual({
      phase: 'signed-out',
      message: 'Could not reach the hub. Is it running?',
    });
  });
});

describe('token storage', () => {
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
    tokens.write('t');
    expect(tokens.read()).toBe('t');
    tokens.clear();
    expect(tokens.read()).toBeNull();
  });
});
