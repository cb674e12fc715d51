/**
 * What the recorder answers, in Home Assistant's shapes, for the hub and the panel alike.
 * https://developers.home-assistant.io/docs/api/websocket (history, logbook, recorder).
 */
import type { Attributes } from './entity-state.ts';

/**
 * One state in `history/history_during_period`'s compressed form: `s` state, `a` attributes,
 * `lu` last updated and `lc` last changed (only when it differs), in seconds since the epoch.
 * With `minimal_response`, states after the first carry only `s` and `lu`.
 */
export interface HistoryState {
  s: string;
  a?: Attributes;
  lu: number;
  lc?: number;
}

/** `history/history_during_period`'s result: the states of each entity, oldest first. */
export type HistoryResult = Record<string, HistoryState[]>;

/** One line of `logbook/get_events`: a state change of an entity, `when` in seconds. */
export interface LogbookEntry {
  when: number;
  entity_id: string;
  state: string;
  /** The user whose command caused it, when one did. */
  context_user_id?: string;
  icon?: string;
}

export type StatisticsPeriod = '5minute' | 'hour' | 'day' | 'week' | 'month';

/** One period of `recorder/statistics_during_period`; `start` and `end` in ms since the epoch. */
export interface StatisticsRow {
  start: number;
  end: number;
  mean: number;
  min: number;
  max: number;
}

export type StatisticsResult = Record<string, StatisticsRow[]>;
