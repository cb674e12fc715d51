import { describe, expect, it } from 'vitest';
import { defaultAclPatterns, filterCovers, parseAclRule, TopicAcl } from '../../../hub/broker/mqtt-acl.ts';

const levels = (text: string) => text.split('/');

describe('filter coverage', () => {
  it.each([
    ['a/#', 'a/+/c', true],
    ['a/#', 'a', true],
    ['a/+', 'a/#', false],
    ['a/+/c', 'a/b/c', true],
    ['a/b/c', 'a/+/c', false],
    ['#', '#', true],
    ['a/+/#', 'a/#', false],
    ['hearth/lamp/#', 'hearth/+', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(filterCovers(levels(outer), levels(inner))).toBe(expected);
  });
});

describe('ACL rules', () => {
  it.each([
    ['readwrite hearth/%u/#', { access: 'readwrite', filter: 'hearth/%u/#' }],
    ['  deny  a/b c  ', { access: 'deny', filter: 'a/b c' }],
  ])('parses %j', (text, rule) => {
    expect(parseAclRule(text)).toEqual(rule);
  });

  it.each([
    ['write', /is not "<read\|write\|readwrite\|deny> <topic filter>"/],
    ['publish a/b', /is not/],
    ['read a/#/b', /# must be a whole level, and the last/],
    ['read a/b+', /\+ must be a whole level/],
    ['read a/x%u', /%u and %c must be whole levels/],
    ['read $SYS/#', /\$ topics are closed/],
  ])('refuses %j', (text, message) => {
    expect(() => parseAclRule(text)).toThrow(message);
  });

  const acl = new TopicAcl([...defaultAclPatterns('homeassistant'), parseAclRule('deny hearth/%u/secret')], {
    username: 'lamp',
    clientId: 'lamp-1',
  });

  it('lets a device publish and read its own topics, in every layout', () => {
    for (const topic of [
      'hearth/lamp',
      'hearth/lamp/set',
      'hearth/lamp/availability',
      'lamp/light/ceiling/state',
      'cmnd/lamp/POWER',
      'stat/lamp/RESULT',
      'tele/lamp/LWT',
      'homeassistant/light/lamp/ceiling/config',
      'homeassistant/switch/1A2B3C_RL_1/config',
      'homeassistant/device/lamp/config',
    ]) {
      expect(acl.mayPublish(topic), topic).toBe(true);
    }
    expect(acl.mayReceive('homeassistant/status')).toBe(true);
    expect(acl.maySubscribe('hearth/lamp/set/#')).toBe(true);
    expect(acl.maySubscribe('cmnd/lamp/+')).toBe(true);
  });

  it("keeps a device off another device's topics", () => {
    for (const topic of [
      'hearth/plug',
      'hearth/plug/set',
      'cmnd/plug/POWER',
      'plug/switch/x/state',
      'homeassistant/light/plug/ceiling/config',
      'homeassistant/status',
      'homeassistant',
    ]) {
      expect(acl.mayPublish(topic), topic).toBe(false);
    }
    expect(acl.maySubscribe('hearth/#')).toBe(false);
    expect(acl.maySubscribe('#')).toBe(false);
    expect(acl.maySubscribe('hearth/+/set')).toBe(false);
    expect(acl.mayReceive('hearth/plug')).toBe(false);
  });

  it('applies a deny over any grant', () => {
    expect(acl.mayPublish('hearth/lamp/secret')).toBe(false);
    expect(acl.mayReceive('hearth/lamp/secret')).toBe(false);
    expect(acl.maySubscribe('hearth/lamp/#')).toBe(true);
    expect(acl.maySubscribe('hearth/lamp/secret')).toBe(false);
    expect(acl.owns('hearth/lamp/+')).toBe(false);
  });

  it('substitutes the client id for %c', () => {
    const byClient = new TopicAcl([parseAclRule('readwrite clients/%c/#')], {
      username: 'u',
      clientId: 'c1',
    });
    expect(byClient.mayPublish('clients/c1/x')).toBe(true);
    expect(byClient.mayPublish('clients/c2/x')).toBe(false);
  });

  it('says which topics a device may name in its discovery config', () => {
    expect(acl.owns('hearth/lamp')).toBe(true);
    expect(acl.owns('hearth/lamp/+/state')).toBe(true);
    expect(acl.owns('hearth/plug')).toBe(false);
    expect(acl.owns('hearth/+')).toBe(false);
  });
});
