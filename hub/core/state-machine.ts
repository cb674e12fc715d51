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
  set(entityId: string, state: string, attributes: Attributes, context?: Context): EntityState | undefined {
    const old = this.states.get(entityId);
    const claim = context ? undefined : this.confirmations.claim(entityId, state, attributes);
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

  remove(entityId: string): void {
    const old = this.states.get(entityId);
    if (!old) return;
    this.states.delete(entityId);
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
