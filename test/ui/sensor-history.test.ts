import { describe, expect, it, vi } from 'vitest';
import { toEntityView } from '../../ui/src/store/entity-view.ts';
import { createSensorHistory, isChartable, readingOf } from '../../ui/src/store/sensor-history.ts';
import { state } from './entities.ts';

const NOW = Date.parse('2026-01-02T12:00:00Z');
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the sensor cards’ history', () => {
  it('asks once for every sensor’s last day, in the minimal shape', () => {
    const request = vi.fn(() => new Promise<unknown>(() => {}));
    createSensorHistory({ request, now: () => NOW }).load(['sensor.a', 'sensor.b']);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({
      type: 'history/history_during_period',
      start_time: '2026-01-01T12:00:00.000Z',
      entity_ids: ['sensor.a', 'sensor.b'],
      minimal_response: true,
      no_attributes: true,
    });
  });

  it('keeps the readings that arrive while the history is on its way, after it', async () => {
    let answer: (value: unknown) => void = () => {};
    const history = createSensorHistory({
      request: () => new Promise((resolve) => (answer = resolve)),
      now: () => NOW,
    });
    history.load(['sensor.a']);
    history.record('sensor.a', '22', NOW / 1000 - 5);
    answer({
      'sensor.a': [
        { s: '20', lu: NOW / 1000 - 3600 },
        { s: 'unavailable', lu: NOW / 1000 - 60 },
      ],
    });
    await flush();
    expect(history.points('sensor.a').value).toEqual([
      [NOW / 1000 - 3600, 20],
      [NOW / 1000 - 60, null],
      [NOW / 1000 - 5, 22],
    ]);
  });

  it('drops what falls out of the day, but keeps the reading in effect at its start', () => {
    let now = NOW;
    const history = createSensorHistory({ request: () => Promise.resolve({}), now: () => now });
    history.load(['sensor.a']);
    history.record('sensor.a', '1', NOW / 1000 - 3600);
    history.record('sensor.a', '2', NOW / 1000);
    now = NOW + 86_400_000;
    history.record('sensor.a', '3', now / 1000);
    expect(history.points('sensor.a').value.map(([, v]) => v)).toEqual([2, 3]);
  });

  it('charts the sensors that measure, and reads only numbers', () => {
    expect(isChartable(toEntityView('sensor.t', state('21', { unit_of_measurement: '°C' })))).toBe(true);
    expect(isChartable(toEntityView('sensor.mode', state('eco', {})))).toBe(false);
    expect(
      isChartable(
        toEntityView('sensor.boot', state('x', { device_class: 'timestamp', state_class: 'measurement' })),
      ),
    ).toBe(false);
    expect([readingOf('4.5'), readingOf('unavailable'), readingOf('')]).toEqual([4.5, null, null]);
  });
});
