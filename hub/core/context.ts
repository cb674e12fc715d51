import { randomFillSync } from 'node:crypto';
import type { Context } from '../protocol/entity-state.ts';

// Crockford's base32, as ULIDs use (https://github.com/ulid/spec); Home Assistant's context ids are ULIDs.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Random bytes drawn from the system in blocks: every state change makes a context, and one
 * `randomBytes(16)` call per id was a visible share of the hub's CPU under fan-out load (the
 * profile in test/bench/README.md).
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** A ULID: 48 bits of time then 80 random bits, so ids sort by creation time. */
export function ulid(nowMs: number): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (poolOffset + 16 > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET[(pool[poolOffset + i] ?? 0) % 32];
  poolOffset += 16;
  return time + random;
}

export function createContext(
  nowMs: number,
  userId: string | null = null,
  parentId: string | null = null,
): Context {
  return { id: ulid(nowMs), parent_id: parentId, user_id: userId };
}
