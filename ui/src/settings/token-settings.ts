import type { ReadonlySignal, Signal } from '@preact/signals';
import { batch, signal } from '@preact/signals';
import type { RefreshTokenEntry } from '../../../hub/protocol/auth-messages.ts';
import type { CurrentUser } from '../../../hub/protocol/websocket-messages.ts';
import type { Command, Subscribe } from '../connection/hub-connection.ts';

export interface TokenSettings {
  /** Whether the settings view shows instead of the house. */
  readonly open: Signal<boolean>;
  readonly user: ReadonlySignal<string | null>;
  /** Whether the signed-in user is the owner, who manages people and device credentials. */
  readonly isOwner: ReadonlySignal<boolean>;
  /** The hub connection's command, for the parts of the settings loaded on demand. */
  readonly command: Command;
  /** The hub connection's subscribe, for the live parts of the settings (health, log). */
  readonly subscribe: Subscribe;
  /** The logins and long-lived tokens of the signed-in user; null until loaded. */
  readonly tokens: ReadonlySignal<readonly RefreshTokenEntry[] | null>;
  /** A token just created, shown once: the hub keeps only its hash. */
  readonly created: ReadonlySignal<{ name: string; token: string } | null>;
  readonly error: ReadonlySignal<string | null>;
  load(): Promise<void>;
  create(name: string, lifespanDays: number): Promise<void>;
  revoke(id: string): Promise<void>;
  dismissCreated(): void;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'The hub did not answer; try again.';

/**
 * The settings view's state: who is signed in and their tokens, through the WebSocket commands
 * Home Assistant's profile page uses (`auth/refresh_tokens`, `auth/long_lived_access_token`,
 * `auth/delete_refresh_token`).
 */
export function createTokenSettings(command: Command, subscribe: Subscribe): TokenSettings {
  const open = signal(false);
  const user = signal<string | null>(null);
  const isOwner = signal(false);
  const tokens = signal<readonly RefreshTokenEntry[] | null>(null);
  const created = signal<{ name: string; token: string } | null>(null);
  const error = signal<string | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    error.value = null;
    try {
      await action();
    } catch (failure) {
      error.value = messageOf(failure);
    }
  }

  async function reload(): Promise<void> {
    const [me, list] = await Promise.all([
      command({ type: 'auth/current_user' }),
      command({ type: 'auth/refresh_tokens' }),
    ]);
    batch(() => {
      user.value = (me as CurrentUser).name;
      isOwner.value = (me as CurrentUser).is_owner;
      tokens.value = list as RefreshTokenEntry[];
    });
  }

  return {
    open,
    user,
    isOwner,
    command,
    subscribe,
    tokens,
    created,
    error,
    load: () => run(reload),
    create: (name, lifespanDays) =>
      run(async () => {
        const token = (await command({
          type: 'auth/long_lived_access_token',
          client_name: name,
          lifespan: lifespanDays,
        })) as string;
        created.value = { name, token };
        await reload();
      }),
    revoke: (id) =>
      run(async () => {
        await command({ type: 'auth/delete_refresh_token', refresh_token_id: id });
        tokens.value = (tokens.peek() ?? []).filter((token) => token.id !== id);
      }),
    dismissCreated: () => {
      created.value = null;
    },
  };
}
