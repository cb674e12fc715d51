import type { HubConnection } from '../connection/hub-connection.ts';
import type { HubStore } from '../store/hub-store.ts';
import type { FetchLike } from './exchange-login-code.ts';
import { exchangeLoginCode, LoginError } from './exchange-login-code.ts';
import { parseLoginInput, takeLoginCode } from './login-code.ts';
import type { TokenStorage } from './token-storage.ts';

export interface SessionOptions {
  store: Pick<HubStore, 'auth' | 'setAuth' | 'reset'>;
  connection: Pick<HubConnection, 'start' | 'stop'>;
  tokens: TokenStorage;
  fetch: FetchLike;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
}

/** Who is signed in: the login code, the stored token, the login view, logout. */
export interface Session {
  /** On page load: a login code in the address, else the stored token, else the login view. */
  start(): Promise<void>;
  /** From the login view: a pasted login link, login code or access token. */
  signIn(input: string): Promise<void>;
  signOut(): void;
  /** The connection's `auth_ok`. */
  accepted(): void;
  /** The connection's `auth_invalid`: the stored token is worthless now. */
  rejected(message: string): void;
}

export function createSession(options: SessionOptions): Session {
  const { store, connection, tokens } = options;

  function useToken(token: string, phase: 'signing-in' | 'signed-in'): void {
    tokens.write(token);
    store.setAuth({ phase, message: null });
    connection.start(token);
  }

  async function redeem(code: string): Promise<void> {
    store.setAuth({ phase: 'signing-in', message: null });
    try {
      useToken(await exchangeLoginCode(code, options.fetch), 'signed-in');
    } catch (error) {
      const message = error instanceof LoginError ? error.message : 'The login failed.';
      store.setAuth({ phase: 'signed-out', message });
    }
  }

  return {
    start() {
      // Runs before anything else, synchronously: the code must leave the address bar and the
      // history before the exchange, whatever its outcome.
      const code = takeLoginCode(options.location, options.history);
      if (code !== null) return redeem(code);
      const token = tokens.read();
      if (token !== null) useToken(token, 'signed-in');
      else store.setAuth({ phase: 'signed-out', message: null });
      return Promise.resolve();
    },
    async signIn(text) {
      const input = parseLoginInput(text);
      if (input === null)
        store.setAuth({ phase: 'signed-out', message: 'Paste an access token or a login code.' });
      else if (input.kind === 'code') await redeem(input.code);
      else useToken(input.token, 'signing-in');
    },
    signOut() {
      tokens.clear();
      connection.stop();
      store.reset();
      store.setAuth({ phase: 'signed-out', message: null });
    },
    accepted() {
      // Every reconnect says auth_ok again; only the first one changes anything.
      if (store.auth.peek().phase !== 'signed-in') store.setAuth({ phase: 'signed-in', message: null });
    },
    rejected(message) {
      tokens.clear();
      connection.stop();
      store.reset();
      store.setAuth({ phase: 'signed-out', message: `The hub did not accept the access token: ${message}` });
    },
  };
}
