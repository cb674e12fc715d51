import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, UserError } from '../../auth/users.ts';
import { HubError } from '../../core/hub-error.ts';
import type { HubUserEntry } from '../../protocol/settings-messages.ts';
import { defineCommand } from './command-handler.ts';
import { requireOwner } from './require-owner.ts';

const name = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/** `hearth/users/list`: everyone who may use the hub (owner only), as `hearth user list` shows them. */
export const listUsers = defineCommand({
  type: 'hearth/users/list',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => {
    requireOwner(connection);
    const users: HubUserEntry[] = hub.auth.users.list().map((user) => ({
      id: user.id,
      name: user.name,
      is_owner: user.isOwner,
      has_password: user.hasPassword,
      created_at: new Date(user.createdAt).toISOString(),
      is_current: user.id === connection.user.id,
    }));
    connection.sendResult(message.id, users);
  },
});

/** `hearth/users/create`: a person who logs in with a name and password (owner only). */
export const createUser = defineCommand({
  type: 'hearth/users/create',
  schema: z.looseObject({
    name,
    password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`),
  }),
  handle: async (connection, message, { hub }) => {
    requireOwner(connection);
    try {
      const user = await hub.auth.users.add(message.name, message.password);
      hub.log.info(`auth: ${connection.user.name} added the user ${user.name}`);
      connection.sendResult(message.id, { id: user.id, name: user.name, is_owner: user.isOwner });
    } catch (error) {
      if (error instanceof UserError) throw new HubError('invalid_info', error.message);
      throw error;
    }
  },
});

/** `hearth/users/delete`: removes a person and ends their sessions at once (owner only, not oneself). */
export const deleteUser = defineCommand({
  type: 'hearth/users/delete',
  schema: z.looseObject({ name }),
  handle: (connection, message, { hub }) => {
    requireOwner(connection);
    const user = hub.auth.users.byName(message.name);
    if (!user) throw new HubError('not_found', `No user named "${message.name}".`);
    // The caller is an owner, so refusing oneself also keeps the last owner: someone must manage the hub.
    if (user.id === connection.user.id) throw new HubError('invalid_info', 'You cannot remove yourself.');
    // Revoked before the row goes, so that the user's open panels are closed now, not at their next refresh.
    for (const token of hub.auth.listTokens(user.id)) hub.auth.revoke(token.id);
    try {
      hub.auth.users.remove(user.name);
    } catch (error) {
      if (error instanceof UserError) throw new HubError('invalid_info', error.message);
      throw error;
    }
    hub.log.info(`auth: ${connection.user.name} removed the user ${user.name}`);
    connection.sendResult(message.id, null);
  },
});
