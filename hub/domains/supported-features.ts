import { HubError } from '../core/hub-error.ts';
import type { StateMachine } from '../core/state-machine.ts';

/**
 * Home Assistant's entity services name the features they need
 * (`async_register_entity_service(..., required_features)`): an entity whose `supported_features`
 * lacks every listed set answers `ServiceNotSupported`, a service_validation_error, before any
 * command leaves. `features` is one bit set that must be present in full (`OPEN | CLOSE` for
 * `cover.toggle`).
 */
export function requireFeatures(
  states: StateMachine,
  entityId: string,
  service: string,
  features: number,
): void {
  const supported = states.get(entityId)?.attributes.supported_features;
  const bits = typeof supported === 'number' ? supported : 0;
  if ((bits & features) !== features) {
    throw new HubError('service_validation_error', `Entity ${entityId} does not support action ${service}`);
  }
}

/**
 * Home Assistant's `vol.Coerce(int)` for service fields: `int(50.7)` is 50 and `int("50")` is 50;
 * anything else is left for the schema to refuse.
 */
export function coercePythonInt(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return value;
}
