import { compressState } from '../protocol/compressed-state.ts';
import type { EntityState } from '../protocol/entity-state.ts';

/**
 * Each state's `"<entity_id>":<compressed>` JSON, kept while the state object lives. States are
 * immutable (a change makes a new object), so a fragment never goes stale; when many panels
 * subscribe at once (a hub restart with 10,000 devices and 50 panels open) each state is
 * compressed and serialized once instead of once per panel.
 */
const fragments = new WeakMap<EntityState, string>();

/** The `subscribe_entities` snapshot event, `{"a":{…}}`, of these states (those `filter` allows). */
export function entitiesSnapshotJson(states: Iterable<EntityState>, filter?: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const state of states) {
    if (filter && !filter.has(state.entity_id)) continue;
    let fragment = fragments.get(state);
    if (fragment === undefined) {
      fragment = `${JSON.stringify(state.entity_id)}:${JSON.stringify(compressState(state))}`;
      fragments.set(state, fragment);
    }
    parts.push(fragment);
  }
  return `{"a":{${parts.join(',')}}}`;
}
