import type { Attributes, Context, EntityState } from '../protocol/entity-state.ts';
import type { Clock } from './clock.ts';
import type { CommandConfirmations } from './command-confirmations.ts';
import { createContext } from './context.ts';
import type { EventBus } from './event-bus.ts';

/**
 * The one state path (DESIGN.md §1): every state change, whatever its source, goes through
 * `set()`, which updates the entity and emits one `stateChanged` that the recorder and the
 * WebSocket layer consume. Semantics are Home Assistant's `StateMachine.async_set`:
 * `last_changed` moves only when the state string changes, `last_updated` when state or
 * attributes change, and a write that changes nothing emits nothing.
 */
export class StateMachine {
  private readonly states = new Map<string, EntityState>();
  /** Attributes the registry lays over what the entity writes: the user's name and icon. */
  private readonly overlays = new Map<string, Attributes>();
  /** For entities with an overlay: the attributes as the entity wrote them, to lift the overlay off again. */
  private readonly written = new Map<string, Attributes>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly confirmations: CommandConfirmations,
  ) {}

  get(entityId: string): EntityState | undefined {
    return this.states.get(entityId);
  }

  all(): EntityState[] {
    return [...this.states.values()];
  }

  get size(): number {
    return this.states.size;
  }

  /**
   * Sets an entity's state. Without a context, a report that confirms a pending command takes
   * that command's context; anything else gets a fresh one.
   */
  set(entityId: string, state: string, written: Attributes, context?: Context): EntityState | undefined {
    const overlay = this.overlays.get(entityId);
    if (overlay) this.written.set(entityId, written);
    const attributes = overlay ? { ...written, ...overlay } : written;
    const old = this.states.get(entityId);
    const claim = context ? undefined : this.confirmations.claim(entityId, state, written);
    const sameState = old !== undefined && old.state === state;
    const sameAttributes = old !== undefined && sameAttributeValues(old.attributes, attributes);
    if (sameState && sameAttributes) {
      // A report that changes nothing still confirms a command (turn_on on a light already on),
      // but, as in Home Assistant, it is not a state change and emits nothing.
      claim?.resolve(old);
      return old;
    }

    const now = new Date(this.clock.now()).toISOString();
    const next: EntityState = {
      entity_id: entityId,
      state,
      attributes: sameAttributes && old ? old.attributes : Object.freeze({ ...attributes }),
      last_changed: sameState && old ? old.last_changed : now,
      last_updated: now,
      context: context ?? claim?.context ?? createContext(this.clock.now()),
    };
    this.states.set(entityId, next);
    this.bus.emit('stateChanged', {
      entity_id: entityId,
      old_state: old ?? null,
      new_state: next,
      context: next.context,
    });
    claim?.resolve(next);
    return next;
  }

  /**
   * Lays the registry's attributes (`friendly_name`, `icon`) over what the entity writes, or lifts
   * them off (`undefined`); the entity's current state is written again through `set()`, so every
   * panel sees the new name as an ordinary state change.
   */
  setOverlay(entityId: string, overlay: Attributes | undefined): void {
    const before = this.overlays.get(entityId);
    if (JSON.stringify(before) === JSON.stringify(overlay)) return;
    const current = this.states.get(entityId);
    const written = this.written.get(entityId) ?? current?.attributes;
    this.written.delete(entityId);
    if (overlay) this.overlays.set(entityId, overlay);
    else this.overlays.delete(entityId);
    if (current && written) this.set(entityId, current.state, written, createContext(this.clock.now()));
  }

  /**
   * The last states from before a restart, put back without an event (nothing has changed since they
   * were recorded) and marked `restored: true`, as Home Assistant marks them, until the entity writes.
   */
  restore(saved: readonly EntityState[]): void {
    for (const state of saved) {
      if (this.states.has(state.entity_id)) continue;
      const written = { ...state.attributes, restored: true };
      const overlay = this.overlays.get(state.entity_id);
      if (overlay) this.written.set(state.entity_id, written);
      this.states.set(state.entity_id, {
        ...state,
        attributes: Object.freeze(overlay ? { ...written, ...overlay } : written),
      });
    }
  }

  remove(entityId: string): void {
    const old = this.states.get(entityId);
    if (!old) return;
    this.states.delete(entityId);
    this.written.delete(entityId);
    const context = createContext(this.clock.now());
    this.bus.emit('stateChanged', { entity_id: entityId, old_state: old, new_state: null, context });
  }
}

function sameAttributeValues(a: Attributes, b: Attributes): boolean {
  if (a === b) return true;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    const va = a[key];
    const vb = b[key];
    if (va === vb) continue;
    if (typeof va !== 'object' || typeof vb !== 'object' || va === null || vb === null) return false;
    if (JSON.stringify(va) !== JSON.stringify(vb)) return false;
  }
  return true;
}
