import type { StateMachine } from '../../hub/core/state-machine.ts';

/** What every entity state must look like, whatever a device sent. */
export function checkStates(states: StateMachine): void {
  for (const state of states.all()) {
    if (typeof state.state !== 'string' || state.state.length > 255)
      throw new Error(`${state.entity_id}: state ${JSON.stringify(state.state)}`);
    if (!/^[a-z_]+\.[a-z0-9_]+$/.test(state.entity_id)) throw new Error(`bad entity id ${state.entity_id}`);
    // Must serialize for the WebSocket API: no cycles, no BigInt.
    JSON.stringify(state.attributes);
  }
}
