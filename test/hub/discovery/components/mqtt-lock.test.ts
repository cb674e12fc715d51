import { describe, expect, it } from 'vitest';
import type { Harness } from './component-harness.ts';
import { COMMAND_TIMEOUT_MS, startHarness } from './component-harness.ts';

// Zigbee2MQTT 2.x's discovery of a door lock (its homeassistant extension, `lock` case).
const Z2M_STATE = 'zigbee2mqtt/Front Door';
const z2mLock = {
  availability: [{ topic: 'zigbee2mqtt/bridge/state', value_template: '{{ value_json.state }}' }],
  command_topic: `${Z2M_STATE}/set`,
  device: { identifiers: ['zigbee2mqtt_0x000d6f0011a2b3c4'], manufacturer: 'Yale', name: 'Front Door' },
  name: null,
  object_id: 'front_door',
  state_locked: 'LOCK',
  state_topic: Z2M_STATE,
  state_unlocked: 'UNLOCK',
  unique_id: '0x000d6f0011a2b3c4_lock_zigbee2mqtt',
  value_template: '{{ value_json.state }}',
};
const DOOR = 'lock.front_door';

// ESPHome's MQTT discovery of a template lock that supports open, abbreviated.
const espHomeLock = {
  name: 'Back Door',
  stat_t: 'esp-door/lock/back_door/state',
  cmd_t: 'esp-door/lock/back_door/command',
  avty_t: 'esp-door/status',
  pl_open: 'OPEN',
  uniq_id: 'ESPlockback_door',
  dev: {
    ids: ['a4cf12b3c4d5'],
    name: 'esp-door',
    sw: 'esphome v2024.11.0',
    mdl: 'esp32dev',
    mf: 'espressif',
  },
};
const BACK_DOOR = 'lock.esp_door_back_door';

// Home Assistant's own test config (tests/components/mqtt/test_lock.py, CONFIG_WITH_STATES).
const withStates = {
  state_topic: 'state-topic',
  command_topic: 'command-topic',
  payload_lock: 'LOCK',
  payload_unlock: 'UNLOCK',
  state_locked: 'closed',
  state_locking: 'closing',
  state_open: 'open',
  state_opening: 'opening',
  state_unlocked: 'unlocked',
  state_unlocking: 'unlocking',
};

function withLock(config: object, ...reports: [string, string | object][]): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/lock/test/config', { name: 'Test', ...config });
  for (const [topic, payload] of reports) hub.mqtt.deliver(topic, payload);
  hub.take();
  return hub;
}

describe('MQTT lock: discovery', () => {
  it('builds a Zigbee2MQTT lock: its LOCK/UNLOCK state through value_template, no open', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/lock/0x000d6f0011a2b3c4/lock/config', z2mLock);
    hub.mqtt.deliver('zigbee2mqtt/bridge/state', { state: 'online' });
    expect(hub.states.get(DOOR)?.state).toBe('unknown');
    hub.mqtt.deliver(Z2M_STATE, { state: 'LOCK', lock_state: 'locked', battery: 90 });
    expect(hub.states.get(DOOR)).toMatchObject({
      state: 'locked',
      attributes: { supported_features: 0, friendly_name: 'Front Door' },
    });
    hub.mqtt.deliver(Z2M_STATE, { state: 'UNLOCK', lock_state: 'unlocked' });
    expect(hub.states.get(DOOR)?.state).toBe('unlocked');
  });

  it('builds an ESPHome lock from abbreviated keys, with open supported', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/lock/esp-door/back_door/config', espHomeLock);
    hub.mqtt.deliver('esp-door/status', 'online');
    hub.mqtt.deliver('esp-door/lock/back_door/state', 'JAMMED');
    expect(hub.states.get(BACK_DOOR)).toMatchObject({
      state: 'jammed',
      attributes: { supported_features: 1 },
    });
  });

  it.each([
    ['closed', 'locked'],
    ['closing', 'locking'],
    ['open', 'open'],
    ['opening', 'opening'],
    ['unlocked', 'unlocked'],
    ['unlocking', 'unlocking'],
    ['None', 'unknown'],
  ])('reads state payload %s as %s', (payload, state) => {
    const hub = withLock(withStates, ['state-topic', 'closed'], ['state-topic', payload]);
    expect(hub.states.get('lock.test')?.state).toBe(state);
  });

  it('ignores an empty state, and logs one that is no state of the lock', () => {
    const hub = withLock(withStates, ['state-topic', 'closed'], ['state-topic', ''], ['state-topic', 'ajar']);
    expect(hub.states.get('lock.test')?.state).toBe('locked');
    expect(hub.warnings).toEqual(['lock.test: state-topic: state "ajar" is none of the lock\'s states']);
  });

  it('resets to unknown on a JSON null through the value template', () => {
    const hub = withLock({ ...withStates, value_template: '{{ value_json.val }}' }, [
      'state-topic',
      { val: 'closed' },
    ]);
    hub.mqtt.deliver('state-topic', { val: null });
    expect(hub.states.get('lock.test')?.state).toBe('unknown');
  });

  it('starts unlocked when optimistic and unknown with a state topic, as HA 2023.11 does', () => {
    expect(withLock({ command_topic: 'l/set' }).states.get('lock.test')?.state).toBe('unlocked');
    expect(withLock({ command_topic: 'l/set', state_topic: 'l' }).states.get('lock.test')?.state).toBe(
      'unknown',
    );
  });

  it('exposes code_format, and has no device_class (the MQTT lock takes none)', () => {
    const hub = withLock({ command_topic: 'l/set', code_format: '^\\d{4}$', device_class: 'door' });
    expect(hub.states.get('lock.test')?.attributes).toMatchObject({ code_format: '^\\d{4}$' });
    expect(hub.states.get('lock.test')?.attributes).not.toHaveProperty('device_class');
  });

  it.each([
    ['a pattern that is not a regex', '[0-9', 'is not a valid regular expression'],
    ['a nested quantifier', '^(\\d+)+$', 'can backtrack exponentially'],
    ['a repeated alternation', '^(a|aa)*$', 'can backtrack exponentially'],
    ['too many variable quantifiers', '\\d*\\d*\\d*\\d*x', 'more than 3 variable quantifiers'],
    ['a pattern of 300 characters', 'a'.repeat(300), 'longer than 256 characters'],
  ])('refuses a code_format with %s', (_name, pattern, why) => {
    const hub = withLock({ command_topic: 'l/set', code_format: pattern });
    expect(hub.states.get('lock.test')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringMatching(/config\.code_format: /)]);
    expect(hub.warnings[0]).toContain(why);
  });
});

describe('MQTT lock: services', () => {
  it.each([
    ['lock', 'command-topic LOCK'],
    ['unlock', 'command-topic UNLOCK'],
  ])('lock.%s publishes "%s"', (service, line) => {
    const hub = withLock(withStates);
    hub.call('lock', service, 'lock.test');
    expect(hub.take()).toEqual([line]);
  });

  it("renders command_template with value and code, as HA's own test has it", async () => {
    const hub = withLock({
      code_format: '^\\d{4}$',
      command_topic: 'command-topic',
      command_template: '{ "{{ value }}": "{{ code }}" }',
      payload_open: 'OPEN',
    });
    await hub.call('lock', 'lock', 'lock.test', { code: '1234' }).done;
    await hub.call('lock', 'open', 'lock.test', { code: 4321 }).done;
    expect(hub.take()).toEqual(['command-topic { "LOCK": "1234" }', 'command-topic { "OPEN": "4321" }']);
  });

  it('passes code as None when the call has none', async () => {
    const hub = withLock({ command_topic: 'c', command_template: '{{ value }}:{{ code }}' });
    await hub.call('lock', 'unlock', 'lock.test').done;
    expect(hub.take()).toEqual(['c UNLOCK:None']);
  });

  it.each([
    [{ code: '12' }, "service_data.code: the code for lock.test doesn't match pattern ^\\d{4}$"],
    [{}, "service_data.code: the code for lock.test doesn't match pattern ^\\d{4}$"],
    [{ code: 'x'.repeat(65) }, 'service_data.code: must be at most 64 characters'],
    [{ code: ['1234'] }, 'service_data.code: must be a string'],
  ])('refuses %j against code_format ^\\d{4}$, sending nothing', async (data, message) => {
    const hub = withLock({ command_topic: 'c', state_topic: 's', code_format: '^\\d{4}$' });
    await expect(hub.call('lock', 'unlock', 'lock.test', data).done).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(hub.take()).toEqual([]);
  });

  it('matches code_format from the start only, as Python re.match does', async () => {
    const hub = withLock({ command_topic: 'c', code_format: '\\d{4}' });
    await hub.call('lock', 'lock', 'lock.test', { code: '12345' }).done;
    await expect(hub.call('lock', 'lock', 'lock.test', { code: 'x1234' }).done).rejects.toMatchObject({
      code: 'service_validation_error',
    });
  });

  it('refuses lock.open when the lock has no payload_open', async () => {
    const hub = withLock(withStates);
    await expect(hub.call('lock', 'open', 'lock.test').done).rejects.toMatchObject({
      code: 'service_validation_error',
      message: 'Entity lock.test does not support action lock.open',
    });
  });

  it('resolves lock only when the lock reports locked, through locking', async () => {
    const hub = withLock(withStates, ['state-topic', 'unlocked']);
    const call = hub.call('lock', 'lock', 'lock.test');
    hub.mqtt.deliver('state-topic', 'closing');
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver('state-topic', 'closed');
    const context = await call.done;
    expect(hub.states.get('lock.test')).toMatchObject({ state: 'locked', context });
  });

  it('fails a command at once when the lock reports jammed', async () => {
    const hub = withLock({ command_topic: 'c', state_topic: 's' }, ['s', 'UNLOCKED']);
    const call = hub.call('lock', 'lock', 'lock.test');
    hub.mqtt.deliver('s', 'LOCKING');
    hub.mqtt.deliver('s', 'JAMMED');
    await expect(call.done).rejects.toMatchObject({
      code: 'home_assistant_error',
      message: 'lock.test reported jammed',
    });
  });

  it('resolves open on open, or on unlocked as locks that pull the latch report', async () => {
    const hub = withLock({ command_topic: 'c', state_topic: 's', payload_open: 'OPEN' }, ['s', 'LOCKED']);
    const open = hub.call('lock', 'open', 'lock.test');
    hub.mqtt.deliver('s', 'OPEN');
    expect(await open.settled()).toBe('resolved');
    const again = hub.call('lock', 'open', 'lock.test');
    hub.mqtt.deliver('s', 'UNLOCKED');
    expect(await again.settled()).toBe('resolved');
  });

  it('answers device_timeout when the lock never reports', async () => {
    const hub = withLock({ command_topic: 'c', state_topic: 's' }, ['s', 'UNLOCKED']);
    const call = hub.call('lock', 'lock', 'lock.test');
    hub.clock.advance(COMMAND_TIMEOUT_MS);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('is optimistic without a state topic: locked, unlocked, open at once, with the call context', async () => {
    const hub = withLock({ command_topic: 'c', payload_open: 'OPEN' });
    for (const [service, state] of [
      ['lock', 'locked'],
      ['unlock', 'unlocked'],
      ['open', 'open'],
      ['lock', 'locked'],
    ] as const) {
      const context = await hub.call('lock', service, 'lock.test').done;
      expect(hub.states.get('lock.test')).toMatchObject({ state, context });
    }
    expect(hub.take()).toEqual(['c LOCK', 'c UNLOCK', 'c OPEN', 'c LOCK']);
  });
});
