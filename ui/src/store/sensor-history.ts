import type { ReadonlySignal, Signal } from '@preact/signals';
import { signal } from '@preact/signals';
import type { HistoryResult } from '../../../hub/protocol/history.ts';
import type { Command } from '../connection/hub-connection.ts';
import type { EntityView } from './entity-view.ts';

/** `[seconds since the epoch, value]`; `null` where the sensor had no reading (unavailable). */
export type Point = readonly [number, number | null];

export const DAY_SECONDS = 86_400;

/** A reading as a number; `unavailable`, `unknown` and text are gaps in a chart. */
export function readingOf(state: string): number | null {
  if (state.trim() === '') return null;
  const value = Number(state);
  return Number.isFinite(value) ? value : null;
}

/** A sensor worth a chart: it measures something (a unit or a state class), as Home Assistant's frontend judges. */
export function isChartable(view: EntityView): boolean {
  return (
    view.domain === 'sensor' &&
    (typeof view.attributes.unit_of_measurement === 'string' ||
      typeof view.attributes.state_class === 'string') &&
    view.attributes.device_class !== 'timestamp'
  );
}

export interface SensorHistory {
  /** The last 24 hours of a sensor, oldest first; empty until loaded. */
  points(entityId: string): ReadonlySignal<readonly Point[]>;
  /** Loads the last 24 hours of these sensors in one request (after each snapshot). */
  load(entityIds: readonly string[]): void;
  /** A live reading, appended as it arrives. */
  record(entityId: string, state: string, seconds: number): void;
  reset(): void;
}

/**
 * The small charts of the sensor cards: one `history/history_during_period` request for every
 * sensor after each snapshot (minimal response, no attributes: a few bytes a point), then the
 * readings `subscribe_entities` brings, so the charts move without asking the hub again.
 */
export function createSensorHistory(options: { request: Command; now: () => number }): SensorHistory {
  const series = new Map<string, Signal<readonly Point[]>>();
  let generation = 0;

  const slot = (entityId: string): Signal<readonly Point[]> => {
    let points = series.get(entityId);
    if (!points) {
      points = signal<readonly Point[]>([]);
      series.set(entityId, points);
    }
    return points;
  };

  /** Drops what fell out of the window, keeping the point in effect at its start. */
  const trim = (points: readonly Point[], nowSeconds: number): readonly Point[] => {
    const from = nowSeconds - DAY_SECONDS;
    let first = 0;
    while (first + 1 < points.length && (points[first + 1]?.[0] ?? 0) <= from) first++;
    return first === 0 ? points : points.slice(first);
  };

  return {
    points: slot,
    load(entityIds) {
      if (entityIds.length === 0) return;
      // The series exist from now: readings that arrive before the answer are kept.
      for (const entityId of entityIds) slot(entityId);
      const asked = ++generation;
      const startSeconds = options.now() / 1000 - DAY_SECONDS;
      options
        .request({
          type: 'history/history_during_period',
          start_time: new Date(startSeconds * 1000).toISOString(),
          entity_ids: entityIds,
          minimal_response: true,
          no_attributes: true,
        })
        .then((result) => {
          if (asked !== generation) return;
          const history = (result ?? {}) as HistoryResult;
          for (const entityId of entityIds) {
            const points = slot(entityId);
            const loaded: Point[] = (history[entityId] ?? []).map((s) => [s.lu, readingOf(s.s)]);
            const last = loaded.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY;
            // Readings that arrived while the request was on its way come after what it brought.
            points.value = [...loaded, ...points.peek().filter(([t]) => t > last)];
          }
        })
        .catch(() => {
          // A chart without history is still a chart of what comes; the next snapshot asks again.
        });
    },
    record(entityId, state, seconds) {
      const points = series.get(entityId);
      if (!points) return;
      points.value = trim([...points.peek(), [seconds, readingOf(state)]], options.now() / 1000);
    },
    reset() {
      generation++;
      for (const points of series.values()) points.value = [];
    },
  };
}
