import { describe, expect, it } from 'vitest';
import { entitiesSnapshotJson } from '../../../hub/api/entities-snapshot.ts';
import { compressState } from '../../../hub/protocol/compressed-state.ts';
import type { EntityState } from '../../../hub/protocol/entity-state.ts';

const state = (entity_id: string, value: string): EntityState => ({
  entity_id,
  state: value,
  attributes: { friendly_name: entity_id, brightness: 128 },
  last_changed: '2026-01-01T00:00:00.000Z',
  last_updated: '2026-01-01T00:00:01.000Z',
  context: { id: '01JBENCH0000000000000000AA', parent_id: null, user_id: null },
});

describe('the subscribe_entities snapshot', () => {
  it('is exactly the compressed states as one `a` event, filtered when asked', () => {
    const states = [state('light.a', 'on'), state('switch.b', 'off')];
    const expected = { a: Object.fromEntries(states.map((s) => [s.entity_id, compressState(s)])) };
    expect(JSON.parse(entitiesSnapshotJson(states))).toEqual(expected);
    expect(JSON.parse(entitiesSnapshotJson(states, new Set(['switch.b'])))).toEqual({
      a: { 'switch.b': compressState(states[1] as EntityState) },
    });
    expect(entitiesSnapshotJson([])).toBe('{"a":{}}');
  });

  it('shows a new state object, not the fragment of the one it replaced', () => {
    const before = state('light.a', 'on');
    expect(JSON.parse(entitiesSnapshotJson([before])).a['light.a'].s).toBe('on');
    const after = { ...before, state: 'off' };
    expect(JSON.parse(entitiesSnapshotJson([after])).a['light.a'].s).toBe('off');
  });
});
