import { afterEach, describe, expect, it } from 'vitest';
import type { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { DAY, MINUTE, startRecorder } from './recorder-harness.ts';

type Harness = ReturnType<typeof startRecorder>;
let open: Harness[] = [];
afterEach(async () => {
  for (const harness of open) await harness.close();
  open = [];
});
function harness(options?: Parameters<typeof startRecorder>[0]): Harness {
  const h = startRecorder(options);
  open.push(h);
  return h;
}

const T0 = Date.parse('2026-01-01T00:00:00Z');
const seconds = (ms: number) => ms / 1000;
const temperature = { unit_of_measurement: '°C', state_class: 'measurement', friendly_name: 'Outside' };

describe('the recorder', () => {
  it('writes state changes in one batch after the commit interval, never one by one', () => {
    const { states, clock, rowsOnDisk } = harness();
    for (let i = 0; i < 50; i++) states.set('sensor.t', String(20 + i / 10), temperature);
    expect(rowsOnDisk()).toBe(0);
    clock.advance(499);
    expect(rowsOnDisk()).toBe(0);
    clock.advance(1);
    expect(rowsOnDisk()).toBe(50);
  });

  it('answers history in Home Assistant’s compressed shape, with the state at the start', () => {
    const { states, clock, recorder } = harness();
    states.set('light.desk', 'off', { friendly_name: 'Desk' });
    clock.advance(MINUTE);
    states.set('light.desk', 'on', { friendly_name: 'Desk', brightness: 10 });
    clock.advance(MINUTE);
    states.set('light.desk', 'on', { friendly_name: 'Desk', brightness: 200 });
    clock.advance(MINUTE);
    states.set('light.desk', 'off', { friendly_name: 'Desk' });

    const start = T0 + 30_000;
    expect(recorder.history({ startMs: start, entityIds: ['light.desk'] })).toEqual({
      'light.desk': [
        { s: 'off', a: { friendly_name: 'Desk' }, lu: seconds(start) },
        { s: 'on', a: { friendly_name: 'Desk', brightness: 10 }, lu: seconds(T0 + MINUTE) },
        { s: 'off', a: { friendly_name: 'Desk' }, lu: seconds(T0 + 3 * MINUTE) },
      ],
    });
    // Every attribute change too, with lc where it differs from lu.
    const all = recorder.history({
      startMs: start,
      entityIds: ['light.desk'],
      significantChangesOnly: false,
    })['light.desk'];
    expect(all?.[2]).toEqual({
      s: 'on',
      a: { friendly_name: 'Desk', brightness: 200 },
      lu: seconds(T0 + 2 * MINUTE),
      lc: seconds(T0 + MINUTE),
    });
    expect(
      recorder.history({
        startMs: start,
        entityIds: ['light.desk', 'light.nothing'],
        minimalResponse: true,
        noAttributes: true,
        includeStartTimeState: false,
      }),
    ).toEqual({
      'light.desk': [
        { s: 'on', lu: seconds(T0 + MINUTE) },
        { s: 'off', lu: seconds(T0 + 3 * MINUTE) },
      ],
    });
  });

  it('keeps history for keepDays, yet still knows the state in effect at the edge', async () => {
    const { states, clock, recorder } = harness({ keepDays: 10 });
    states.set('binary_sensor.door', 'off', { device_class: 'door' });
    for (let hour = 1; hour <= 24 * 12; hour++) {
      clock.advance(3_600_000);
      states.set('sensor.t', String(hour % 24), temperature);
    }
    await recorder.purge();
    const now = clock.now();
    const old = recorder.history({
      startMs: T0,
      entityIds: ['sensor.t', 'binary_sensor.door'],
      significantChangesOnly: false,
    });
    // Twelve days recorded; the last ten, and the state in effect ten days ago, are left.
    expect(old['sensor.t']?.length).toBe(24 * 10 + 1);
    expect(old['sensor.t']?.[0]?.lu).toBeLessThanOrEqual(seconds(now - 10 * DAY));
    // A door shut for twelve days still has its state.
    expect(old['binary_sensor.door']).toEqual([{ s: 'off', a: { device_class: 'door' }, lu: seconds(T0) }]);
  });

  it('compiles 5-minute statistics of measurement sensors: time-weighted mean, min and max', () => {
    const { states, clock, recorder } = harness();
    states.set('sensor.t', '10', temperature);
    states.set('sensor.label', 'ok', { friendly_name: 'Text' });
    clock.advance(MINUTE);
    states.set('sensor.t', '20', temperature);
    clock.advance(3 * MINUTE);
    states.set('sensor.t', 'unavailable', temperature);
    clock.advance(MINUTE + 10_000);
    // 10 for one minute, 20 for three, nothing for the last: (10 + 60) / 4 = 17.5.
    expect(
      recorder.statistics({
        startMs: T0,
        statisticIds: ['sensor.t', 'sensor.label'],
        period: '5minute',
      }),
    ).toEqual({ 'sensor.t': [{ start: T0, end: T0 + 5 * MINUTE, mean: 17.5, min: 10, max: 20 }] });
  });

  it('aggregates statistics by hour and day, and keeps them past the history’s retention', async () => {
    const { states, clock, recorder } = harness({ keepDays: 2, statisticsKeepDays: 30 });
    for (let minute = 0; minute < 3 * 24 * 60; minute += 5) {
      states.set('sensor.t', String(minute % 60), temperature);
      clock.advance(5 * MINUTE);
    }
    clock.advance(10_000);
    await recorder.purge();
    const hours = recorder.statistics({ startMs: T0, statisticIds: ['sensor.t'], period: 'hour' })[
      'sensor.t'
    ];
    expect(hours).toHaveLength(72);
    expect(hours?.[0]).toEqual({ start: T0, end: T0 + 3_600_000, mean: 27.5, min: 0, max: 55 });
    // The states of the first day are purged; its statistics stay.
    expect(recorder.history({ startMs: T0, endMs: T0 + DAY, entityIds: ['sensor.t'] })).toEqual({});
    const means = recorder.statistics({
      startMs: T0,
      statisticIds: ['sensor.t'],
      period: 'day',
      types: ['max'],
    })['sensor.t'];
    expect(means?.map((row) => row.max)).toEqual(expect.arrayContaining([55]));
    expect(means?.[0]).not.toHaveProperty('mean');
  });

  it('drops statistics older than statisticsKeepDays', async () => {
    const { states, clock, recorder } = harness({ keepDays: 1, statisticsKeepDays: 2 });
    for (let minute = 0; minute < 4 * 24 * 60; minute += 30) {
      states.set('sensor.t', String(minute % 7), temperature);
      clock.advance(30 * MINUTE);
    }
    await recorder.purge();
    const rows = recorder.statistics({ startMs: T0, statisticIds: ['sensor.t'], period: '5minute' })[
      'sensor.t'
    ];
    expect(rows?.[0]?.start).toBeGreaterThanOrEqual(clock.now() - 2 * DAY);
  });

  it('lists an entity’s changes in the logbook, with the user who caused them', () => {
    const { states, clock, recorder } = harness();
    states.set('switch.kettle', 'off', { icon: 'mdi:kettle' });
    clock.advance(MINUTE);
    states.set('switch.kettle', 'on', { icon: 'mdi:kettle' }, { id: 'ctx', parent_id: null, user_id: 'u1' });
    states.set('sensor.t', '4', temperature);
    expect(recorder.logbook({ startMs: T0 - 1, entityIds: ['switch.kettle'] })).toEqual([
      { when: seconds(T0), entity_id: 'switch.kettle', state: 'off', icon: 'mdi:kettle' },
      {
        when: seconds(T0 + MINUTE),
        entity_id: 'switch.kettle',
        state: 'on',
        context_user_id: 'u1',
        icon: 'mdi:kettle',
      },
    ]);
    // Unasked for, a continuous sensor stays out, as in Home Assistant's logbook.
    expect(recorder.logbook({ startMs: T0 - 1 }).map((e) => e.entity_id)).not.toContain('sensor.t');
    expect(recorder.logbook({ startMs: T0 - 1, entityIds: ['sensor.t'] })).toHaveLength(1);
  });

  it('puts the last state of each registered entity back at start', async () => {
    const register = (entities: EntityRegistry) =>
      entities.register({
        domain: 'sensor',
        unique_id: 't',
        platform: 'mqtt',
        suggested_object_id: 't',
        original_name: 'T',
        device_id: null,
      });
    const first = harness({ beforeStart: register });
    first.states.set('sensor.t', '20', temperature);
    first.clock.advance(MINUTE);
    first.states.set('sensor.t', '21.5', temperature);
    first.states.set('sensor.unregistered', '1', {});
    await first.recorder.stop();
    first.db.close();

    const second = harness({ dir: first.dir, beforeStart: register });
    expect(second.states.all()).toEqual([
      {
        entity_id: 'sensor.t',
        state: '21.5',
        attributes: { ...temperature, restored: true },
        last_changed: new Date(T0 + MINUTE).toISOString(),
        last_updated: new Date(T0 + MINUTE).toISOString(),
        context: expect.objectContaining({ user_id: null }),
      },
    ]);
  });
});
