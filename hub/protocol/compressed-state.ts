/**
 * The compressed form of states used by `subscribe_entities`, exactly as Home Assistant sends it
 * (homeassistant/components/websocket_api/messages.py and core.py `as_compressed_state`):
 * `a` adds entities, `c` changes them with `+` (additions) and `-` (removed attribute keys),
 * `r` removes them. Timestamps are seconds since the epoch, as floats.
 */
import type { Context, EntityState } from './entity-state.ts';

export interface CompressedState {
  s: string;
  a: Record<string, unknown>;
  /** A bare id when the context has no parent and no user, else the whole context. */
  c: string | Partial<Context>;
  lc: number;
  lu?: number;
}

export interface CompressedStateDiff {
  '+'?: Partial<CompressedState>;
  '-'?: { a: string[] };
}

export interface EntitiesEvent {
  a?: Record<string, CompressedState>;
  c?: Record<string, CompressedStateDiff>;
  r?: string[];
}

const toSeconds = (iso: string): number => Date.parse(iso) / 1000;

export function compressState(state: EntityState): CompressedState {
  const { context } = state;
  const compressed: CompressedState = {
    s: state.state,
    a: { ...state.attributes },
    c: context.parent_id === null && context.user_id === null ? context.id : context,
    lc: toSeconds(state.last_changed),
  };
  if (state.last_updated !== state.last_changed) compressed.lu = toSeconds(state.last_updated);
  return compressed;
}

export function diffStates(oldState: EntityState, newState: EntityState): CompressedStateDiff {
  const additions: Partial<CompressedState> = {};
  const diff: CompressedStateDiff = { '+': additions };
  if (oldState.state !== newState.state) additions.s = newState.state;
  if (oldState.last_changed !== newState.last_changed) additions.lc = toSeconds(newState.last_changed);
  else if (oldState.last_updated !== newState.last_updated) additions.lu = toSeconds(newState.last_updated);

  const oldCtx = oldState.context;
  const newCtx = newState.context;
  let ctx: Partial<Context> | undefined;
  if (oldCtx.parent_id !== newCtx.parent_id) ctx = { parent_id: newCtx.parent_id };
  if (oldCtx.user_id !== newCtx.user_id) ctx = { ...ctx, user_id: newCtx.user_id };
  if (oldCtx.id !== newCtx.id) {
    if (ctx) ctx.id = newCtx.id;
    else additions.c = newCtx.id;
  }
  if (ctx) additions.c = ctx;

  const oldAttrs = oldState.attributes;
  const newAttrs = newState.attributes;
  if (oldAttrs !== newAttrs) {
    const added: Record<string, unknown> = {};
    let anyAdded = false;
    for (const key of Object.keys(newAttrs)) {
      if (!(key in oldAttrs) || !sameValue(oldAttrs[key], newAttrs[key])) {
        added[key] = newAttrs[key];
        anyAdded = true;
      }
    }
    if (anyAdded) additions.a = added;
    const removed = Object.keys(oldAttrs).filter((key) => !(key in newAttrs));
    if (removed.length > 0) diff['-'] = { a: removed };
  }
  return diff;
}

/** Applies an `entities` event to a map of compressed states; what clients such as the panel do. */
export function applyEntitiesEvent(states: Map<string, CompressedState>, event: EntitiesEvent): void {
  if (event.a) for (const [id, state] of Object.entries(event.a)) states.set(id, state);
  if (event.r) for (const id of event.r) states.delete(id);
  if (event.c) {
    for (const [id, diff] of Object.entries(event.c)) {
      const current = states.get(id);
      if (!current) continue;
      const next: CompressedState = { ...current, a: { ...current.a } };
      const plus = diff['+'];
      if (plus) {
        if (plus.s !== undefined) next.s = plus.s;
        if (plus.lc !== undefined) {
          next.lc = plus.lc;
          delete next.lu;
        }
        if (plus.lu !== undefined) next.lu = plus.lu;
        if (plus.c !== undefined) {
          next.c =
            typeof plus.c === 'string' || typeof next.c === 'string' ? plus.c : { ...next.c, ...plus.c };
        }
        if (plus.a) Object.assign(next.a, plus.a);
      }
      const minus = diff['-'];
      if (minus) for (const key of minus.a) delete next.a[key];
      states.set(id, next);
    }
  }
}

/** Attribute values are JSON; compare structurally, cheaply for the common scalar case. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
