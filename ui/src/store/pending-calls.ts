import { batch } from '@preact/signals';
import { callErrorMessage } from './call-error-message.ts';
import type { MutableSlot, PendingChange } from './entity-slot.ts';

export interface ServiceCall {
  domain: string;
  service: string;
  service_data?: Record<string, unknown>;
  target: { entity_id: string };
}

/** What a call will change, shown on the card until the hub answers. */
export interface Change {
  state?: string;
  attributes?: Readonly<Record<string, unknown>>;
  /**
   * Keys this call takes over without setting them: a cover's stop ends a pending open
   * (`['state', 'current_position']`), so the open's late answer no longer settles the card.
   */
  claims?: readonly string[];
}

/** A call begun on a card: shown at once, sent now (`run`) or later (`hold`, then `send`). */
export interface CallHandle {
  readonly id: number;
  readonly service: string;
  change: Change;
  sent: boolean;
}

export interface PendingCallsOptions {
  /** Resolves when the hub has confirmed the change; rejects with `{code, message}`. */
  callService(call: ServiceCall): Promise<unknown>;
  mark(name: string): void;
  /** How long a failed call's message stays on its card, in ms. */
  errorDisplayMs: number;
}

export interface PendingCalls {
  /** Shows the change at once, in the caller's event handler, and sends the call. */
  run(slot: MutableSlot, change: Change, call: ServiceCall): void;
  /** Shows the change now and sends nothing yet: a debounced control (a thermostat's − / +). */
  hold(slot: MutableSlot, service: string, change: Change): CallHandle;
  /** Changes a held call's target; false when it has been sent or replaced meanwhile. */
  update(slot: MutableSlot, handle: CallHandle, change: Change): boolean;
  /** Sends a held call, unless a later call has replaced it. */
  send(slot: MutableSlot, handle: CallHandle, call: ServiceCall): void;
  /** The entity is gone: answers still on their way for it are ignored. */
  forget(entityId: string): void;
  reset(): void;
}

function conflicts(earlier: Change, later: Change): boolean {
  const claimed = (change: Change, key: string): boolean =>
    change.claims?.includes(key) === true ||
    (key === 'state' ? change.state !== undefined : Object.hasOwn(change.attributes ?? {}, key));
  // Two calls that both turn a light on (one for brightness, one for colour) can both stand.
  if (earlier.state !== undefined && later.state !== undefined && earlier.state !== later.state) return true;
  for (const key of [...Object.keys(later.attributes ?? {}), ...(later.claims ?? [])]) {
    if (claimed(earlier, key)) return true;
  }
  return (earlier.claims ?? []).some((key) => claimed(later, key));
}

/**
 * The calls in flight per entity, and the card feedback they drive: `pending` while the hub has
 * not answered, the error message for a few seconds when it refused or the device did not confirm.
 */
export function createPendingCalls(options: PendingCallsOptions): PendingCalls {
  const inflight = new Map<string, CallHandle[]>();
  const errorTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function clearErrorTimer(id: string): void {
    const timer = errorTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    errorTimers.delete(id);
  }

  function publish(slot: MutableSlot, handles: readonly CallHandle[]): void {
    const last = handles.at(-1);
    if (!last) {
      slot.pending.value = null;
      return;
    }
    let state: string | undefined;
    const attributes: Record<string, unknown> = {};
    for (const handle of handles) {
      state = handle.change.state ?? state;
      Object.assign(attributes, handle.change.attributes);
    }
    const next: PendingChange = { callId: last.id, service: last.service, attributes };
    if (state !== undefined) next.state = state;
    slot.pending.value = next;
  }

  const live = (slot: MutableSlot, handle: CallHandle): boolean =>
    inflight.get(slot.id)?.includes(handle) === true;

  function hold(slot: MutableSlot, service: string, change: Change): CallHandle {
    const handle: CallHandle = { id: ++seq, service, change, sent: false };
    // Calls on the same keys: only the latest may settle the card; earlier answers are ignored.
    const handles = (inflight.get(slot.id) ?? []).filter((other) => !conflicts(other.change, change));
    handles.push(handle);
    inflight.set(slot.id, handles);
    clearErrorTimer(slot.id);
    options.mark(`hearth:click:${slot.id}`);
    batch(() => {
      publish(slot, handles);
      slot.error.value = null;
    });
    return handle;
  }

  function settle(slot: MutableSlot, handle: CallHandle, error: unknown, failed: boolean): void {
    const handles = inflight.get(slot.id);
    if (!handles?.includes(handle)) return;
    const rest = handles.filter((other) => other !== handle);
    if (rest.length === 0) inflight.delete(slot.id);
    else inflight.set(slot.id, rest);
    // On success the confirmed state has already arrived: hearth fans the state event out before
    // it answers the call, on the same socket, so clearing `pending` never flashes the old state.
    batch(() => {
      publish(slot, rest);
      if (failed) showError(slot, callErrorMessage(error));
    });
    if (!failed) options.mark(`hearth:confirmed:${slot.id}`);
  }

  function showError(slot: MutableSlot, message: string): void {
    clearErrorTimer(slot.id);
    slot.error.value = message;
    errorTimers.set(
      slot.id,
      setTimeout(() => {
        errorTimers.delete(slot.id);
        slot.error.value = null;
      }, options.errorDisplayMs),
    );
  }

  function send(slot: MutableSlot, handle: CallHandle, call: ServiceCall): void {
    if (handle.sent || !live(slot, handle)) return;
    handle.sent = true;
    options.callService(call).then(
      () => settle(slot, handle, null, false),
      (error: unknown) => settle(slot, handle, error, true),
    );
  }

  return {
    run(slot, change, call) {
      send(slot, hold(slot, call.service, change), call);
    },
    hold,
    update(slot, handle, change) {
      if (handle.sent || !live(slot, handle)) return false;
      handle.change = change;
      publish(slot, inflight.get(slot.id) ?? []);
      return true;
    },
    send,
    forget(entityId) {
      inflight.delete(entityId);
      clearErrorTimer(entityId);
    },
    reset() {
      for (const timer of errorTimers.values()) clearTimeout(timer);
      errorTimers.clear();
      inflight.clear();
    },
  };
}
