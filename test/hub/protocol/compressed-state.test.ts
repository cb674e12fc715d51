import { describe, expect, it } from 'vitest';
import type { CompressedState } from '../../../hub/protocol/compressed-state.ts';
import { applyEntitiesEvent, compressState, diffStates } from '../../../hub/protocol/compressed-state.ts';
import type { EntityState } from '../../../hub/protocol/entity-state.ts';

const at = (iso: string) => iso;
const base: EntityState = {
  entity_id: 'light.a',
  state: 'off',
  attributes: { friendly_name: 'A', brightness: null },
  last_changed: at('2026-01-01T00:00:00.000Z'),
  last_updated: at('2026-01-01T00:00:00.000Z'),
  context: { id: 'C1', parent_id: null, user_id: null },
};

describe('compressed states, as Home Assistant sends them to subscribe_entities', () => {
  it('compresses a state with a bare context id and lc only when lu equals it', () => {
    expect(compressState(base)).toEqual({
      s: 'off',
      a: { friendly_name: 'A', brightness: null },
      c: 'C1',
      lc: 1767225600,
    });
  });

  it('sends the whole context when it has a user', () => {
    const withUser = { ...base, context: { id: 'C2', parent_id: null, user_id: 'U' } };
    expect(compressState(withUser).c).toEqual({ id: 'C2', parent_id: null, user_id: 'U' });
  });

  it('diffs state, changed and removed attributes, timestamps and context', () => {
    const next: EntityState = {
      ...base,
      state: 'on',
      attributes: { brightness: 128 },
      last_changed: '2026-01-01T00:00:01.000Z',
      last_updated: '2026-01-01T00:00:01.000Z',
      context: { id: 'C2', parent_id: null, user_id: 'U' },
    };
    expect(diffStates(base, next)).toEqual({
      '+': { s: 'on', lc: 1767225601, c: { user_id: 'U', id: 'C2' }, a: { brightness: 128 } },
      '-': { a: ['friendly_name'] },
    });
  });

  it('applies a diff back to the same state', () => {
    const next: EntityState = {
      ...base,
      state: 'on',
      attributes: { friendly_name: 'A', brightness: 5 },
      last_updated: '2026-01-01T00:00:02.000Z',
      context: { id: 'C3', parent_id: null, user_id: null },
    };
    const map = new Map<string, CompressedState>([['light.a', compressState(base)]]);
    applyEntitiesEvent(map, { c: { 'light.a': diffStates(base, next) } });
    expect(map.get('light.a')).toEqual(compressState(next));
    applyEntitiesEvent(map, { r: ['light.a'] });
    expect(map.size).toBe(0);
  });
});
