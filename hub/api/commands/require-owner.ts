import { HubError } from '../../core/hub-error.ts';
import type { ApiConnection } from '../api-connection.ts';

/** Managing people and device credentials is the owner's: anyone else is answered `unauthorized`. */
export function requireOwner(connection: ApiConnection): void {
  if (!connection.user.isOwner) throw new HubError('unauthorized', 'Only the owner may do this.');
}
