import type { ReadonlySignal, Signal } from '@preact/signals';
import type { EntityView } from './entity-view.ts';

/**
 * What a card shows until the hub confirms: the targets of the calls still in flight, laid over
 * the confirmed state. Calls on different keys (a thermostat's setpoint and its mode) are pending
 * side by side; a later call on the same key replaces an earlier one.
 */
export interface PendingChange {
  /** The latest call still in flight. */
  callId: number;
  /** Its service (`turn_on`, `set_temperature`, `stop_cover`, …), for the card's "…ing" line. */
  service: string;
  /** The target state, when a call in flight changes it. */
  state?: string;
  /** The target attributes of every call in flight. */
  attributes: Readonly<Record<string, unknown>>;
}

/** A service whose second step the user must confirm (unlocking a door), while it waits for it. */
export type ConfirmStep = 'unlock' | 'open';

/** One entity, as separate signals, so a change re-renders its own card and nothing else. */
export interface EntitySlot {
  readonly id: string;
  readonly domain: string;
  readonly view: ReadonlySignal<EntityView>;
  readonly pending: ReadonlySignal<PendingChange | null>;
  readonly error: ReadonlySignal<string | null>;
  /** Armed by a first tap on a guarded action; the second tap within a few seconds sends it. */
  readonly confirming: ReadonlySignal<ConfirmStep | null>;
}

export interface MutableSlot extends EntitySlot {
  readonly view: Signal<EntityView>;
  readonly pending: Signal<PendingChange | null>;
  readonly error: Signal<string | null>;
  readonly confirming: Signal<ConfirmStep | null>;
}
