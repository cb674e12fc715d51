import type { StateMachine } from '../../hub/core/state-machine.ts';
import type { EntityState } from '../../hub/protocol/entity-state.ts';

/** What an entity state must look like, whatever a device sent. */
export function checkState(state: EntityState): void {
  if (typeof state.state !== 'string' || state.state.length > 255)
    throw new Error(`${state.entity_id}: state ${JSON.stringify(state.state)}`);
  if (!/^[a-z_]+\.[a-z0-9_]+$/.test(state.entity_id)) throw new Error(`bad entity id ${state.entity_id}`);
  // Must serialize for the WebSocket API: no cycles, no BigInt.
  JSON.stringify(state.attributes);
}

/**
 * Checks every state as it is written (cheaper than rereading them all after each case): a bad
 * one throws out of the delivery that caused it, and so fails the property.
 */
export function checkStatesAsWritten(states: StateMachine): void {
  for (const state of states.all()) checkState(state);
  const set = states.set.bind(states);
  states.set = (...args: Parameters<StateMachine['set']>) => {
    const written = set(...args);
    if (written) checkState(written);
    return written;
  };
}
