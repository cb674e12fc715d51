import { z } from 'zod';
import type { TokenInfo } from '../../auth/auth-store.ts';
import { HubError } from '../../core/hub-error.ts';
import type { RefreshTokenEntry } from '../../protocol/auth-messages.ts';
import { defineCommand } from './command-handler.ts';

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

function entry(token: TokenInfo, currentId: string | undefined): RefreshTokenEntry {
  return {
    id: token.id,
    client_name: token.name,
    type: token.kind === 'long_lived' ? 'long_lived_access_token' : 'normal',
    created_at: iso(token.createdAt) as string,
    last_used_at: iso(token.lastUsedAt),
    last_used_ip: token.lastUsedIp,
    expires_at: iso(token.expiresAt),
    is_current: token.id === currentId,
  };
}

/** Home Assistant's `auth/refresh_tokens`: the user's logins and long-lived tokens, never their values. */
export const listRefreshTokens = defineCommand({
  type: 'auth/refresh_tokens',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => {
    const tokens = hub.auth.listTokens(connection.user.id).map((token) => entry(token, connection.tokenId));
    connection.sendResult(message.id, tokens);
  },
});

/**
 * Home Assistant's `auth/long_lived_access_token`: a named token for a script, valid `lifespan`
 * days; the result is the token itself, shown once — only its hash is kept.
 */
export const createLongLivedToken = defineCommand({
  type: 'auth/long_lived_access_token',
  schema: z.looseObject({
    client_name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
    lifespan: z.number().int().min(1).max(36_500).default(3650),
  }),
  handle: (connection, message, { hub }) => {
    let created: { token: string };
    try {
      created = hub.auth.createLongLivedToken(connection.user.id, message.client_name, message.lifespan);
    } catch (error) {
      if (error instanceof RangeError) throw new HubError('invalid_format', error.message);
      throw error;
    }
    hub.log.info(`auth: ${connection.user.name} created the long-lived token "${message.client_name}"`);
    connection.sendResult(message.id, created.token);
  },
});

/** Home Assistant's `auth/delete_refresh_token`: revokes one of the user's own tokens; its connections close. */
export const deleteRefreshToken = defineCommand({
  type: 'auth/delete_refresh_token',
  schema: z.looseObject({ refresh_token_id: z.string().min(1).max(64) }),
  handle: (connection, message, { hub }) => {
    // Answered before the revocation closes connections that used it, this one included.
    const exists = hub.auth
      .listTokens(connection.user.id)
      .some((token) => token.id === message.refresh_token_id);
    if (!exists) throw new HubError('not_found', 'Token not found.');
    connection.sendResult(message.id, null);
    hub.auth.revoke(message.refresh_token_id, connection.user.id);
    hub.log.info(`auth: ${connection.user.name} revoked the token ${message.refresh_token_id}`);
  },
});
