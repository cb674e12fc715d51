import { describe, expect, it } from 'vitest';
import { HeldPublishes } from '../../../hub/broker/held-publishes.ts';

const message = (topic: string, deadline: number) => ({ topic, payload: 'ON', options: {}, deadline });

describe('HeldPublishes', () => {
  it('gives back the messages still within their deadline, oldest first, once', () => {
    const held = new HeldPublishes(10);
    held.hold(message('a', 1000), 0);
    held.hold(message('b', 3000), 0);
    held.hold(message('c', 5000), 0);
    expect(held.takeLive(3000).map((m) => m.topic)).toEqual(['c']);
    expect(held.takeLive(3000)).toEqual([]);
  });

  it('never gives back a message at its deadline', () => {
    const held = new HeldPublishes(10);
    held.hold(message('a', 1000), 0);
    expect(held.takeLive(1000)).toEqual([]);
  });

  it('forgets stale messages as new ones come, and drops the oldest past its bound', () => {
    const held = new HeldPublishes(2);
    held.hold(message('stale', 10), 0);
    expect(held.hold(message('a', 1000), 20)).toBe(0);
    expect(held.size).toBe(1);
    held.hold(message('b', 1000), 20);
    expect(held.hold(message('c', 1000), 20)).toBe(1);
    expect(held.takeLive(20).map((m) => m.topic)).toEqual(['b', 'c']);
  });
});
