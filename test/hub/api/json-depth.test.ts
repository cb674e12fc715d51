import { describe, expect, it } from 'vitest';
import { exceedsDepth } from '../../../hub/api/json-depth.ts';

const nested = (depth: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`);

describe('JSON depth', () => {
  it.each([
    [{}, 1, false],
    [nested(32), 32, false],
    [nested(33), 32, true],
    [[[[]]], 2, true],
    [{ a: [1, 2, { b: null }] }, 3, false],
    ['text', 0, false],
  ])('%j with at most %i levels: exceeds is %s', (value, max, exceeds) => {
    expect(exceedsDepth(value, max)).toBe(exceeds);
  });

  it('walks a hundred thousand levels without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(exceedsDepth(deep, 32)).toBe(true);
  });
});
