import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_BYTES, parseCommandPayload } from '../../device-sim/command-payload.ts';

describe('parseCommandPayload', () => {
  it.each([
    ['{"state":"ON"}', { state: 'ON' }],
    [' {"brightness": 3} ', { brightness: 3 }],
    ['ON', { state: 'ON' }],
    ['off', { state: 'off' }],
    ['TOGGLE\n', { state: 'TOGGLE' }],
  ])('reads %j as a command', (payload, command) => {
    expect(parseCommandPayload(payload)).toEqual({ ok: true, command });
  });

  it.each([
    ['', /empty/],
    ['{"state":', /not JSON/],
    ['{} trailing', /not JSON/],
    ['x'.repeat(MAX_COMMAND_BYTES + 1), /bytes/],
  ])('refuses %j', (payload, reason) => {
    const result = parseCommandPayload(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('keeps a __proto__ key as plain data', () => {
    const result = parseCommandPayload('{"__proto__":{"polluted":true},"state":"ON"}');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
