/** Where the access token lives between visits; never in a URL. */
export const TOKEN_STORAGE_KEY = 'hearth.accessToken';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TokenStorage {
  read(): string | null;
  write(token: string): void;
  clear(): void;
}

/**
 * `localStorage` can be missing or throw (blocked storage, some private modes); the token then
 * lives in memory for this visit instead of breaking the login.
 */
export function createTokenStorage(storage: KeyValueStorage | null): TokenStorage {
  let memory: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(TOKEN_STORAGE_KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    write(token) {
      memory = token;
      try {
        storage?.setItem(TOKEN_STORAGE_KEY, token);
      } catch {
        // Kept in memory only.
      }
    },
    clear() {
      memory = null;
      try {
        storage?.removeItem(TOKEN_STORAGE_KEY);
      } catch {
        // Nothing stored.
      }
    },
  };
}
