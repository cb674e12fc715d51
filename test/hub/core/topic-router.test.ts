import { describe, expect, it } from 'vitest';
import { matches, TopicRouter } from '../../../hub/core/topic-router.ts';

describe('topic filters (MQTT 5 §4.7)', () => {
  it.each([
    ['a/b', 'a/b', true],
    ['a/+', 'a/b', true],
    ['a/+', 'a/b/c', false],
    ['a/#', 'a', true],
    ['a/#', 'a/b/c', true],
    ['+/+/+/config', 'homeassistant/light/x/config', true],
    ['+/+/+/config', 'homeassistant/light/n/x/config', false],
    ['#', '$SYS/broker', false],
    ['+/broker', '$SYS/broker', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(matches(filter.split('/'), topic.split('/'))).toBe(expected);
  });

  it('dispatches to exact and wildcard handlers, and isolates a throwing one', () => {
    const router = new TopicRouter();
    const seen: string[] = [];
    const errors: string[] = [];
    router.add('hearth/lamp', () => {
      throw new Error('bad');
    });
    router.add('hearth/+', (topic) => seen.push(`wild ${topic}`));
    router.dispatch('hearth/lamp', Buffer.from(''), (_e, topic) => errors.push(topic));
    expect(seen).toEqual(['wild hearth/lamp']);
    expect(errors).toEqual(['hearth/lamp']);
  });

  it('says when a filter is new and when its last handler is gone', () => {
    const router = new TopicRouter();
    const a = () => {};
    const b = () => {};
    expect(router.add('x', a)).toBe(true);
    expect(router.add('x', b)).toBe(false);
    expect(router.remove('x', a)).toBe(false);
    expect(router.remove('x', b)).toBe(true);
  });
});
