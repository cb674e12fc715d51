import { z } from 'zod';
import { type CommandResult, describeIssues } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

/**
 * Zigbee2MQTT's lock keys: `state` is where the bolt last came to rest, `lock_state` what it is
 * doing (`not_fully_locked` is Zigbee's jammed; ESPHome says `JAMMED`).
 */
export interface LockState {
  readonly state: 'LOCK' | 'UNLOCK';
  readonly lock_state: 'locked' | 'unlocked' | 'locking' | 'unlocking' | 'not_fully_locked';
}

export interface LockSpec extends DeviceSpec {
  readonly initiallyLocked?: boolean;
}

/** How long the bolt takes to move. */
export const LOCK_TRAVEL_MS = 1500;

const commandSchema = z.object({
  state: z
    .preprocess(
      (value) => (typeof value === 'string' ? value.toUpperCase() : value),
      z.enum(['LOCK', 'UNLOCK', 'TOGGLE']),
    )
    .optional(),
});

/** A door lock whose bolt takes a moment to move, and can jam. */
export class SimulatedLock extends SimulatedDevice<LockState> {
  readonly kind: DeviceKind = 'lock';
  readonly model: string;
  #cancelTravel: (() => void) | undefined;
  /** Set by a `wrong` fault: the bolt moving now will jam. */
  #jamNext = false;

  constructor(spec: LockSpec, context: DeviceContext) {
    const locked = spec.initiallyLocked ?? true;
    super(spec, context, { state: locked ? 'LOCK' : 'UNLOCK', lock_state: locked ? 'locked' : 'unlocked' });
    this.model = spec.model ?? 'Simulated smart door lock';
  }

  protected primaryEntities(): EntitySpec[] {
    return [{ component: 'lock', key: 'lock', name: this.entityName }];
  }

  /** Jams the bolt now, as a door that does not quite close would. */
  jam(): void {
    this.#cancelTravel?.();
    this.#cancelTravel = undefined;
    this.report({ ...this.state, lock_state: 'not_fully_locked' });
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const requested = parsed.data.state;
    if (requested === undefined) return { ok: true };
    const target = requested === 'TOGGLE' ? (this.state.state === 'LOCK' ? 'UNLOCK' : 'LOCK') : requested;
    const settled = this.state.lock_state === (target === 'LOCK' ? 'locked' : 'unlocked');
    if (settled && this.#cancelTravel === undefined) return { ok: true };
    this.#cancelTravel?.();
    this.#jamNext = false;
    this.update({ ...this.state, lock_state: target === 'LOCK' ? 'locking' : 'unlocking' });
    this.#cancelTravel = this.after(LOCK_TRAVEL_MS, () => {
      this.#cancelTravel = undefined;
      if (this.#jamNext) {
        this.#jamNext = false;
        this.report({ ...this.state, lock_state: 'not_fully_locked' });
      } else {
        this.report({ state: target, lock_state: target === 'LOCK' ? 'locked' : 'unlocked' });
      }
    });
    return { ok: true };
  }

  /** The bolt starts moving, and jams on the way. */
  protected override distort(_before: LockState, after: LockState): LockState {
    this.#jamNext = this.#cancelTravel !== undefined;
    return after;
  }
}
