import { randomBytes } from 'node:crypto';
import type { Context } from '../protocol/entity-state.ts';

// Crockford's base32, as ULIDs use (https://github.com/ulid/spec); Home Assistant's context ids are ULIDs.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 48 bits of time then 80 random bits, so ids sort by creation time. */
export function ulid(nowMs: number): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET[(bytes[i] ?? 0) % 32];
  return time + random;
}

export function createContext(
  nowMs: number,
  userId: string | null = null,
  parentId: string | null = null,
): Context {
  return { id: ulid(nowMs), parent_id: parentId, user_id: userId };
}
