import type { ReadonlySignal } from '@preact/signals';
import { signal } from '@preact/signals';
import type { HubHealth } from '../../../hub/protocol/hub-health.ts';
import { HEALTH_SUBSCRIBE } from '../../../hub/protocol/settings-messages.ts';
import type { Subscribe } from '../connection/hub-connection.ts';

export interface HealthFeed {
  /** The latest reading; null until the first arrives. */
  readonly health: ReadonlySignal<HubHealth | null>;
  readonly error: ReadonlySignal<string | null>;
  /** Subscribes (once connected); returns the function that ends the subscription. */
  start(): () => void;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Just enough of the `HubHealth` schema to draw it safely: the hub is trusted, and zod would cost
 * the panel more than all of this view. A reading that fails is skipped; the next comes in seconds.
 */
export function isHubHealth(value: unknown): value is HubHealth {
  if (!isObject(value) || !isObject(value.broker) || !isObject(value.devices) || !isObject(value.entities))
    return false;
  const roundTrip = value.round_trip;
  return (
    isObject(roundTrip) &&
    Array.isArray(roundTrip.bounds_ms) &&
    Array.isArray(roundTrip.confirmed) &&
    Array.isArray(roundTrip.failed) &&
    typeof value.uptime_s === 'number' &&
    typeof value.event_loop_lag_ms === 'number'
  );
}

/** The hub's health, live, through `hearth/health/subscribe` (a reading every two seconds). */
export function createHealthFeed(subscribe: Subscribe): HealthFeed {
  const health = signal<HubHealth | null>(null);
  const error = signal<string | null>(null);
  return {
    health,
    error,
    start() {
      error.value = null;
      const subscription = subscribe({ type: HEALTH_SUBSCRIBE }, (event) => {
        if (isHubHealth(event)) health.value = event;
      });
      subscription.result.catch((failure: unknown) => {
        error.value = failure instanceof Error ? failure.message : 'The hub did not answer.';
      });
      return () => subscription.unsubscribe();
    },
  };
}
