import { describe, expect, it } from 'vitest';
import { parseDiscoveryTopic } from '../../../hub/discovery/discovery-topic.ts';
import { expandDiscoveryPayload } from '../../../hub/discovery/expand-discovery-payload.ts';

describe('discovery topics', () => {
  it.each([
    [
      'homeassistant/light/kitchen/config',
      { component: 'light', nodeId: null, objectId: 'kitchen', discoveryId: 'light/kitchen' },
    ],
    [
      'homeassistant/sensor/node1/temp/config',
      { component: 'sensor', nodeId: 'node1', objectId: 'temp', discoveryId: 'sensor/node1/temp' },
    ],
  ])('parses %s', (topic, expected) => {
    expect(parseDiscoveryTopic('homeassistant', topic)).toEqual(expected);
  });

  it.each([
    'homeassistant/light/config',
    'homeassistant/light/a/b/c/config',
    'homeassistant/light/a/state',
    'other/light/a/config',
    'homeassistant/light/a b/config',
  ])('ignores %s', (topic) => {
    expect(parseDiscoveryTopic('homeassistant', topic)).toBeUndefined();
  });
});

describe('discovery payloads', () => {
  it('expands abbreviated keys, in the device block too', () => {
    const out = expandDiscoveryPayload({
      stat_t: 's',
      cmd_t: 'c',
      uniq_id: 'u',
      dev: { ids: ['x'], mf: 'Acme', sa: 'Kitchen' },
    });
    expect({ ...out, device: { ...(out.device as object) } }).toEqual({
      state_topic: 's',
      command_topic: 'c',
      unique_id: 'u',
      device: { identifiers: ['x'], manufacturer: 'Acme', suggested_area: 'Kitchen' },
    });
  });

  it('substitutes ~ at the start or the end of every *_topic, and in availability items', () => {
    const out = expandDiscoveryPayload({
      '~': 'hearth/lamp',
      stat_t: '~',
      cmd_t: '~/set',
      json_attr_t: 'attrs/~',
      avty: [{ t: '~/availability' }],
      name: '~',
    });
    expect(out.state_topic).toBe('hearth/lamp');
    expect(out.command_topic).toBe('hearth/lamp/set');
    expect(out.json_attributes_topic).toBe('attrs/hearth/lamp');
    expect({ ...(out.availability as object[])[0] }).toEqual({ topic: 'hearth/lamp/availability' });
    expect(out.name).toBe('~');
    expect('~' in out).toBe(false);
  });

  it('keeps __proto__ and constructor keys as plain data', () => {
    const out = expandDiscoveryPayload(JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBeNull();
  });
});
