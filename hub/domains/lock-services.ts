import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { AttributeChecks } from './attribute-checks.ts';
import type { EntityControllers } from './entity-controllers.ts';

/** Home Assistant's `LockEntityFeature` (homeassistant/components/lock/__init__.py). */
export const LockFeature = { OPEN: 1 } as const;

/** Longest code a lock service takes: codes are PINs, and each is matched against the device's regex. */
export const LOCK_CODE_MAX_LENGTH = 64;

/**
 * What a lock integration implements (https://developers.home-assistant.io/docs/core/entity/lock).
 * The entity checks `code` against its `code_format`, as Home Assistant's LockEntity does, and
 * each method resolves once the device has confirmed.
 */
export interface LockController {
  lock(code: string | undefined, context: Context): Promise<void>;
  unlock(code: string | undefined, context: Context): Promise<void>;
  open(code: string | undefined, context: Context): Promise<void>;
}

// `cv.string`: a numeric code (1234) is the string "1234".
const codeData = z.strictObject({
  code: z
    .preprocess(
      (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
      z
        .string('must be a string')
        .max(LOCK_CODE_MAX_LENGTH, `must be at most ${LOCK_CODE_MAX_LENGTH} characters`),
    )
    .optional(),
});

const FIELDS = {
  code: {
    name: 'Code',
    description: 'Code used to operate the lock.',
    example: '1234',
    selector: { text: {} },
  },
};

type Method = 'lock' | 'unlock' | 'open';

/** The lock services (https://www.home-assistant.io/integrations/lock/#actions). */
export function registerLockServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const rows: [service: Method, name: string, description: string, features: number][] = [
    ['lock', 'Lock', 'Locks a lock.', 0],
    ['unlock', 'Unlock', 'Unlocks a lock.', 0],
    ['open', 'Open', 'Opens a lock.', LockFeature.OPEN],
  ];
  for (const [service, name, description, features] of rows) {
    services.register('lock', service, {
      name,
      description,
      fields: FIELDS,
      schema: codeData,
      handle: ({ entityId, data, context }) => {
        new AttributeChecks('lock', entityId, states.get(entityId)?.attributes ?? {}).allFeatures(
          features,
          service,
        );
        return controllers.require<LockController>('lock', entityId)[service](data.code, context);
      },
    });
  }
}
