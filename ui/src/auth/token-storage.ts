/** A token the panel keeps between visits; never in a URL. */
export interface StoredCredential {
  /** `refresh`: a login's refresh token. `access`: a long-lived access token pasted at the login. */
  kind: 'refresh' | 'access';
  token: string;
}

export const TOKEN_STORAGE_KEY = 'hearth.accessToken';
export const REFRESH_STORAGE_KEY = 'hearth.refreshToken';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TokenStorage {
  read(): StoredCredential | null;
  write(credential: StoredCredential): void;
  clear(): void;
}

const KEYS = { refresh: REFRESH_STORAGE_KEY, access: TOKEN_STORAGE_KEY } as const;

/**
 * `localStorage` can be missing or throw (blocked storage, some private modes); the token then
 * lives in memory for this visit instead of breaking the login. Short-lived access tokens are never
 * stored: a page load refreshes one.
 */
export function createTokenStorage(storage: KeyValueStorage | null): TokenStorage {
  let memory: StoredCredential | null = null;
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    read() {
      const stored = attempt(() => {
        const refresh = storage?.getItem(REFRESH_STORAGE_KEY);
        if (refresh) return { kind: 'refresh', token: refresh } as const;
        const access = storage?.getItem(TOKEN_STORAGE_KEY);
        return access ? ({ kind: 'access', token: access } as const) : null;
      }, null);
      return stored ?? memory;
    },
    write(credential) {
      memory = credential;
      attempt(() => {
        storage?.removeItem(KEYS[credential.kind === 'refresh' ? 'access' : 'refresh']);
        storage?.setItem(KEYS[credential.kind], credential.token);
      }, undefined);
    },
    clear() {
      memory = null;
      attempt(() => {
        storage?.removeItem(REFRESH_STORAGE_KEY);
        storage?.removeItem(TOKEN_STORAGE_KEY);
      }, undefined);
    },
  };
}
