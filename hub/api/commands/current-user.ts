import { z } from 'zod';
import type { CurrentUser } from '../../protocol/websocket-messages.ts';
import { defineCommand } from './command-handler.ts';

export const currentUser = defineCommand({
  type: 'auth/current_user',
  schema: z.looseObject({}),
  handle: (connection, message) => {
    const { user } = connection;
    const result: CurrentUser = {
      id: user.id,
      name: user.name,
      is_owner: user.isOwner,
      is_admin: user.isOwner,
      credentials: [{ auth_provider_type: 'hearth', auth_provider_id: null }],
      mfa_modules: [],
    };
    connection.sendResult(message.id, result);
  },
});
