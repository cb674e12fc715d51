import type { Clock, TimerHandle } from '../core/clock.ts';
import type { EntityRegistry } from '../core/entity-registry.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { EntityState } from '../protocol/entity-state.ts';
import type { HistoryResult, LogbookEntry, StatisticsResult } from '../protocol/history.ts';
import type { Database } from '../storage/database.ts';
import { EntityIds } from './entity-ids.ts';
import type { HistoryOptions } from './history-query.ts';
import { HistoryQuery } from './history-query.ts';
import { lastStates } from './last-states.ts';
import type { LogbookOptions } from './logbook-query.ts';
import { LogbookQuery } from './logbook-query.ts';
import { purge } from './purge.ts';
import { StateWriter } from './state-writer.ts';
import type { MeasuredEntity } from './statistics-compiler.ts';
import { STATISTICS_PERIOD_MS, StatisticsCompiler } from './statistics-compiler.ts';
import type { StatisticsOptions } from './statistics-query.ts';
import { StatisticsQuery } from './statistics-query.ts';

const DAY_MS = 86_400_000;
/** Statistics of a period are compiled a little after it ends, when its last states are in. */
const COMPILE_DELAY_MS = 10_000;
const PURGE_INTERVAL_MS = 3_600_000;
const FIRST_PURGE_DELAY_MS = 60_000;
/** A burst this large is written at once rather than at the end of the interval. */
const MAX_BATCH = 5000;
/** Beyond this many unwritten states (a database that keeps failing), the oldest are dropped. */
const MAX_PENDING = 200_000;
const LAST_COMPILED = 'statistics_last_start';

export interface RecorderOptions {
  bus: EventBus;
  clock: Clock;
  log: Logger;
  states: StateMachine;
  entities: EntityRegistry;
  /** Its own connection, with `synchronous=NORMAL`. */
  db: Database;
  /** Days of history kept (`recorder.keepDays`). */
  keepDays: number;
  /** Days of 5-minute statistics kept (`recorder.statisticsKeepDays`). */
  statisticsKeepDays: number;
  /** The longest a state waits to be written, in ms. Default 500: well within the second promised. */
  commitIntervalMs?: number;
}

/**
 * The recorder (DESIGN.md §1): every state change is queued — an array push on the state path, never
 * a database write — and the queue is written in one transaction at most `commitIntervalMs` later,
 * on its own `synchronous=NORMAL` connection (a crash of the process loses nothing committed; a
 * power cut at most the last commits). It also puts the last states back at start, compiles
 * 5-minute statistics of measurement sensors, purges what is older than the retention, and
 * answers the history, logbook and statistics queries.
 */
export class Recorder {
  private readonly historyQuery: HistoryQuery;
  private readonly logbookQuery: LogbookQuery;
  private readonly statisticsQuery: StatisticsQuery;
  private readonly ids: EntityIds;
  private readonly writer: StateWriter;
  private readonly compiler: StatisticsCompiler;
  private pending: EntityState[] = [];
  private commitTimer: TimerHandle | undefined;
  private compileTimer: TimerHandle | undefined;
  private purgeTimer: TimerHandle | undefined;
  private purgeChain: Promise<void> = Promise.resolve();
  private purgeWaiting: Promise<void> | undefined;
  private running = false;

  /** States queued for the next batched write (a metric). */
  get queueLength(): number {
    return this.pending.length;
  }

  constructor(private readonly options: RecorderOptions) {
    const { db } = options;
    this.ids = new EntityIds(db);
    this.writer = new StateWriter(db, this.ids);
    this.compiler = new StatisticsCompiler(db, this.ids);
    this.historyQuery = new HistoryQuery(db, this.ids);
    this.logbookQuery = new LogbookQuery(db);
    this.statisticsQuery = new StatisticsQuery(db);
  }

  // Queries first write what is queued: they answer with every state recorded so far.

  /** `history/history_during_period`, compressed. */
  history(options: HistoryOptions): HistoryResult {
    this.flush();
    return this.historyQuery.compressed(options);
  }

  /** REST `/api/history/period`: full states. */
  historyStates(options: HistoryOptions): Record<string, unknown>[][] {
    this.flush();
    return this.historyQuery.full(options);
  }

  /** `logbook/get_events`. */
  logbook(options: LogbookOptions): LogbookEntry[] {
    this.flush();
    return this.logbookQuery.events(options);
  }

  /** `recorder/statistics_during_period`: compiled periods only, as Home Assistant answers. */
  statistics(options: StatisticsOptions): StatisticsResult {
    this.flush();
    return this.statisticsQuery.during(options);
  }

  /** Puts the registered entities' last states back, then records every change. */
  start(): void {
    const { bus, db, entities, states, clock } = this.options;
    states.restore(lastStates(db, (entityId) => entities.get(entityId) !== undefined));
    bus.on('recorder', 'stateChanged', ({ new_state }) => {
      // A removed entity (new_state null) has nothing to record; its last state stays for restore.
      if (new_state) this.enqueue(new_state);
    });
    this.running = true;
    this.scheduleCompile();
    this.purgeTimer = clock.setTimeout(() => this.purgeEveryHour(), FIRST_PURGE_DELAY_MS);
  }

  async stop(): Promise<void> {
    const { bus, clock } = this.options;
    this.running = false;
    bus.removeListeners('recorder');
    for (const timer of [this.commitTimer, this.compileTimer, this.purgeTimer])
      if (timer !== undefined) clock.clearTimeout(timer);
    this.commitTimer = this.compileTimer = this.purgeTimer = undefined;
    await this.purgeChain;
    this.flush();
  }

  /** Writes what is queued now. Queries call it, so they answer with everything recorded. */
  flush(): void {
    if (this.commitTimer !== undefined) this.options.clock.clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.writer.write(batch);
    } catch (error) {
      // Kept for the next attempt: a full disk or a locked database must not lose history.
      this.pending = [...batch, ...this.pending].slice(-MAX_PENDING);
      this.options.log.error(`recorder: could not write ${batch.length} states: ${(error as Error).message}`);
      this.scheduleCommit(this.options.commitIntervalMs ?? 500);
    }
  }

  /**
   * Deletes what is older than the retention; resolves when done. A purge asked for while one runs
   * waits for it, then purges up to the time it starts.
   */
  purge(): Promise<void> {
    if (this.purgeWaiting) return this.purgeWaiting;
    const run = this.purgeChain.then(() => {
      this.purgeWaiting = undefined;
      return this.purgeNow();
    });
    this.purgeWaiting = run;
    this.purgeChain = run;
    return run;
  }

  private async purgeNow(): Promise<void> {
    const { db, clock, log, keepDays, statisticsKeepDays } = this.options;
    this.flush();
    const now = clock.now();
    try {
      const deleted = await purge(db, {
        statesBeforeMs: now - keepDays * DAY_MS,
        statisticsBeforeMs: now - statisticsKeepDays * DAY_MS,
      });
      this.writer.forgetCaches();
      if (deleted.states > 0)
        log.info(`recorder: purged ${deleted.states} states older than ${keepDays} days`);
    } catch (error) {
      log.error(`recorder: purge failed: ${(error as Error).message}`);
    }
  }

  /** Compiles the statistics of every 5-minute period that has ended since the last one compiled. */
  compileStatistics(): void {
    const { db, clock, keepDays } = this.options;
    this.flush();
    const period = (ms: number) => Math.floor(ms / STATISTICS_PERIOD_MS) * STATISTICS_PERIOD_MS;
    const latest = period(clock.now() - COMPILE_DELAY_MS) - STATISTICS_PERIOD_MS;
    const last = db.prepare('SELECT value FROM recorder_status WHERE key = ?').get(LAST_COMPILED) as
      | { value: number }
      | undefined;
    const oldest = db.prepare('SELECT MIN(last_updated_ms) AS ms FROM states').get() as { ms: number | null };
    // After a first start, or a long stop: from the oldest state, but nothing the purge has taken.
    const first = Math.max(
      last ? last.value + STATISTICS_PERIOD_MS : period(oldest.ms ?? clock.now()),
      period(clock.now() - keepDays * DAY_MS),
    );
    if (first > latest) return;
    const entities = this.measuredEntities();
    for (let start = first; start <= latest; start += STATISTICS_PERIOD_MS)
      this.compiler.compile(start, entities);
    db.prepare('INSERT OR REPLACE INTO recorder_status (key, value) VALUES (?, ?)').run(
      LAST_COMPILED,
      latest,
    );
  }

  private enqueue(state: EntityState): void {
    this.pending.push(state);
    if (this.pending.length >= MAX_BATCH) this.scheduleCommit(0);
    else this.scheduleCommit(this.options.commitIntervalMs ?? 500);
  }

  private scheduleCommit(ms: number): void {
    const { clock } = this.options;
    if (this.commitTimer !== undefined) {
      if (ms > 0) return;
      clock.clearTimeout(this.commitTimer);
    }
    this.commitTimer = clock.setTimeout(() => this.flush(), ms);
  }

  /** Sensors with `state_class: measurement` and a numeric state, as the state machine knows them now. */
  private measuredEntities(): MeasuredEntity[] {
    return this.options.states
      .all()
      .filter(
        (state) => state.entity_id.startsWith('sensor.') && state.attributes.state_class === 'measurement',
      )
      .map((state) => {
        const unit = state.attributes.unit_of_measurement;
        return { entityId: state.entity_id, unit: typeof unit === 'string' ? unit : null };
      });
  }

  private scheduleCompile(): void {
    const { clock } = this.options;
    const now = clock.now();
    const next =
      Math.floor(now / STATISTICS_PERIOD_MS) * STATISTICS_PERIOD_MS + STATISTICS_PERIOD_MS + COMPILE_DELAY_MS;
    this.compileTimer = clock.setTimeout(() => {
      if (!this.running) return;
      try {
        this.compileStatistics();
      } catch (error) {
        this.options.log.error(`recorder: statistics failed: ${(error as Error).message}`);
      }
      this.scheduleCompile();
    }, next - now);
  }

  private purgeEveryHour(): void {
    if (!this.running) return;
    void this.purge();
    this.purgeTimer = this.options.clock.setTimeout(() => this.purgeEveryHour(), PURGE_INTERVAL_MS);
  }
}
