import type { z } from 'zod';
import type { HubContext } from '../../hub-context.ts';
import type { ApiConnection } from '../api-connection.ts';
import type { RegistryEventFanout } from '../registry-event-fanout.ts';
import type { StateFanout } from '../state-fanout.ts';

export interface CommandEnv {
  hub: HubContext;
  fanout: StateFanout;
  registryEvents: RegistryEventFanout;
}

/**
 * One WebSocket command: its message schema and its handler, which answers through the connection
 * (a result, or a thrown HubError that the dispatcher turns into an error result).
 */
export interface CommandHandler<S extends z.ZodType = z.ZodType> {
  type: string;
  schema: S;
  handle(
    connection: ApiConnection,
    message: z.output<S> & { id: number },
    env: CommandEnv,
  ): void | Promise<void>;
}

export function defineCommand<S extends z.ZodType>(handler: CommandHandler<S>): CommandHandler {
  return handler as unknown as CommandHandler;
}
