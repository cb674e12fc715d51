import type { HubConnection } from '../connection/hub-connection.ts';
import type { HubStore } from '../store/hub-store.ts';
import type { FetchLike, Grant } from './auth-api.ts';
import {
  createOwner,
  exchangeLoginCode,
  LoginError,
  logInWithPassword,
  onboardingDone,
  refreshAccessToken,
  revokeToken,
} from './auth-api.ts';
import { parseLoginInput, takeLoginCode } from './login-code.ts';
import type { StoredCredential, TokenStorage } from './token-storage.ts';

/** The ways in: a name and password, the first start's owner, or a pasted login link, code or token. */
export type SignIn =
  | { kind: 'password'; name: string; password: string }
  | { kind: 'onboarding'; name: string; password: string }
  | { kind: 'secret'; text: string };

export interface SessionOptions {
  store: Pick<HubStore, 'auth' | 'setAuth' | 'reset'>;
  connection: Pick<HubConnection, 'start' | 'stop'>;
  tokens: TokenStorage;
  fetch: FetchLike;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  now?: () => number;
}

/** Who is signed in: logins, the refresh of access tokens, onboarding, logout. */
export interface Session {
  /** On page load: a login code in the address, else the stored login, else onboarding or the login view. */
  start(): Promise<void>;
  signIn(input: SignIn): Promise<void>;
  signOut(): void;
  /** The connection's `auth_ok`. */
  accepted(): void;
  /** The connection's `auth_invalid`. */
  rejected(message: string): void;
  /**
   * The access token for the connection's next `auth`: a login's is refreshed first when it has
   * less than a minute left, so a panel left open for days reconnects without a login.
   */
  accessToken(): Promise<string>;
}

/** Refresh this long before the access token expires, so it cannot expire on its way to the hub. */
const REFRESH_MARGIN_MS = 60_000;

export function createSession(options: SessionOptions): Session {
  const { store, connection, tokens } = options;
  const now = options.now ?? (() => Date.now());
  let credential: StoredCredential | null = null;
  let access: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<string> | null = null;
  /** auth_invalid since the last auth_ok: one is an access token that expired meanwhile, two is the end. */
  let rejections = 0;

  function begin(next: StoredCredential, grant: Grant | null, phase: 'signing-in' | 'signed-in'): void {
    credential = next;
    tokens.write(next);
    access = grant ? { token: grant.accessToken, expiresAt: now() + grant.expiresIn * 1000 } : null;
    rejections = 0;
    store.setAuth({ phase, message: null });
    connection.start(session.accessToken);
  }

  function end(message: string | null): void {
    tokens.clear();
    credential = access = null;
    connection.stop();
    store.reset();
    store.setAuth({ phase: 'signed-out', message });
  }

  /** A login's answer: a refresh token to keep, and its first access token. */
  async function logIn(grant: Promise<Grant>): Promise<void> {
    store.setAuth({ phase: 'signing-in', message: null });
    try {
      const granted = await grant;
      if (!granted.refreshToken) throw new LoginError('The hub sent no refresh token.', 'refused');
      begin({ kind: 'refresh', token: granted.refreshToken }, granted, 'signed-in');
    } catch (error) {
      store.setAuth({
        phase: 'signed-out',
        message: error instanceof LoginError ? error.message : 'The login failed.',
      });
    }
  }

  const session: Session = {
    start() {
      // Runs before anything else, synchronously: the code must leave the address bar and the
      // history before the exchange, whatever its outcome.
      const code = takeLoginCode(options.location, options.history);
      if (code !== null) return logIn(exchangeLoginCode(code, options.fetch));
      const stored = tokens.read();
      if (stored !== null) {
        begin(stored, null, 'signed-in');
        return Promise.resolve();
      }
      return onboardingDone(options.fetch).then((done) =>
        store.setAuth({ phase: done ? 'signed-out' : 'onboarding', message: null }),
      );
    },
    async signIn(input) {
      if (input.kind === 'password')
        return logIn(logInWithPassword(input.name, input.password, options.fetch));
      if (input.kind === 'onboarding') {
        const code = createOwner(input.name, input.password, options.fetch);
        // A refused owner (a weak password) stays on the onboarding form, with the hub's reason.
        store.setAuth({ phase: 'signing-in', message: null });
        return code.then(
          (authCode) => logIn(exchangeLoginCode(authCode, options.fetch)),
          (error: unknown) =>
            store.setAuth({
              phase: 'onboarding',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
      }
      const parsed = parseLoginInput(input.text);
      if (parsed === null)
        store.setAuth({ phase: 'signed-out', message: 'Paste an access token or a login code.' });
      else if (parsed.kind === 'code') await logIn(exchangeLoginCode(parsed.code, options.fetch));
      else begin({ kind: 'access', token: parsed.token }, null, 'signing-in');
    },
    signOut() {
      if (credential?.kind === 'refresh') void revokeToken(credential.token, options.fetch);
      end(null);
    },
    accepted() {
      rejections = 0;
      // Every reconnect says auth_ok again; only the first one changes anything.
      if (store.auth.peek().phase !== 'signed-in') store.setAuth({ phase: 'signed-in', message: null });
    },
    rejected(message) {
      rejections += 1;
      if (credential?.kind === 'refresh' && rejections === 1) {
        access = null;
        connection.start(session.accessToken);
        return;
      }
      end(`The hub did not accept the access token: ${message}`);
    },
    accessToken() {
      const current = credential;
      if (current === null) return Promise.reject(new LoginError('Signed out.', 'refused'));
      if (current.kind === 'access') return Promise.resolve(current.token);
      if (access && access.expiresAt - now() > REFRESH_MARGIN_MS) return Promise.resolve(access.token);
      refreshing ??= refreshAccessToken(current.token, options.fetch)
        .then(
          (grant) => {
            if (credential === current)
              access = { token: grant.accessToken, expiresAt: now() + grant.expiresIn * 1000 };
            return grant.accessToken;
          },
          (error: unknown) => {
            // Revoked or expired for good: back to the login. Unreachable: the connection retries.
            if (error instanceof LoginError && error.reason === 'refused' && credential === current)
              end('Your session has ended; log in again.');
            throw error;
          },
        )
        .finally(() => {
          refreshing = null;
        });
      return refreshing;
    },
  };
  return session;
}
