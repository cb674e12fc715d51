import type { ActionContext } from './action-context.ts';
import { runService } from './action-context.ts';
import type { ConfirmStep, MutableSlot } from './entity-slot.ts';

/** `LockEntityFeature.OPEN`: the lock can also pull the latch (`lock.open`). */
export const LOCK_FEATURE_OPEN = 1;

export interface LockActions {
  /** `lock.lock`, at once: locking never needs a second tap. */
  lock(entityId: string): void;
  /** The first call arms "Confirm unlock"; a second one within the confirmation window sends `lock.unlock`. */
  unlock(entityId: string): void;
  /** As `unlock`, for `lock.open` (unlatch). */
  openLock(entityId: string): void;
  /** Disarms a confirmation step (Escape, or the user looked away). */
  cancelConfirm(entityId: string): void;
}

export interface LockActionOptions {
  /** How long "Confirm unlock" waits for the second tap, in ms. Default 4000. */
  confirmWindowMs?: number;
}

const SERVICES: Readonly<Record<ConfirmStep, { service: string; state: string }>> = {
  unlock: { service: 'unlock', state: 'unlocking' },
  open: { service: 'open', state: 'opening' },
};

export function createLockActions(context: ActionContext, options: LockActionOptions = {}): LockActions {
  const confirmWindowMs = options.confirmWindowMs ?? 4000;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function disarm(slot: MutableSlot): void {
    clearTimeout(timers.get(slot.id));
    timers.delete(slot.id);
    slot.confirming.value = null;
  }

  /** A door that opens with one stray tap in a pocket is worse than a second tap: arm, then send. */
  function guarded(entityId: string, step: ConfirmStep): void {
    const slot = context.controllable(entityId);
    if (!slot) return;
    if (slot.confirming.peek() !== step) {
      disarm(slot);
      slot.confirming.value = step;
      timers.set(
        slot.id,
        setTimeout(() => disarm(slot), confirmWindowMs),
      );
      return;
    }
    disarm(slot);
    const { service, state } = SERVICES[step];
    runService(context, entityId, service, undefined, { state });
  }

  return {
    lock(entityId) {
      const slot = context.controllable(entityId);
      if (!slot) return;
      disarm(slot);
      runService(context, entityId, 'lock', undefined, { state: 'locking' });
    },
    unlock: (entityId) => guarded(entityId, 'unlock'),
    openLock: (entityId) => guarded(entityId, 'open'),
    cancelConfirm(entityId) {
      const slot = context.controllable(entityId);
      if (slot) disarm(slot);
    },
  };
}
