import type { Attributes } from '../protocol/entity-state.ts';

/** Attribute sets read back from `state_attributes`, parsed once per query and shared by its rows. */
export class StoredAttributes {
  private readonly parsed = new Map<number, Attributes>();

  get(id: number | null, json: string | null): Attributes {
    if (id === null || json === null) return {};
    let attributes = this.parsed.get(id);
    if (!attributes) {
      attributes = JSON.parse(json) as Attributes;
      this.parsed.set(id, attributes);
    }
    return attributes;
  }
}

/** A state string as a number, or null: `''` and `unavailable` are not readings. */
export function numericState(state: string): number | null {
  if (state.trim() === '') return null;
  const value = Number(state);
  return Number.isFinite(value) ? value : null;
}
