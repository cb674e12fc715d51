import type { Attributes, Context, EntityState } from '../protocol/entity-state.ts';
import { STATE_UNAVAILABLE } from '../protocol/entity-state.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { HubError } from './hub-error.ts';

/** What a command expects the device to report, to count as confirmed. */
export type Expectation = (state: string, attributes: Attributes) => boolean;

/** However much progress a device reports, its command is answered within this many timeouts. */
export const MAX_PROGRESS_FACTOR = 12;

interface Pending {
  context: Context;
  expect: Expectation;
  progress?: Expectation;
  timeoutMs: number;
  /** The latest the timeout may end, however much progress is reported. */
  latest: number;
  timer: TimerHandle;
  onTimeout: () => void;
  resolve: (state: EntityState) => void;
  reject: (error: HubError) => void;
}

/**
 * hearth's stricter `call_service` (DESIGN.md §4): a call resolves when the device has *reported*
 * the state it was asked for, and that state change carries the call's context. The state path
 * asks `claim()` for the context before it emits, and settles the claim after, so every
 * subscriber has the state event before the caller has its result.
 */
export class CommandConfirmations {
  private readonly pending = new Map<string, Pending[]>();
  private readonly idleWaiters = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /**
   * For a device that takes longer than the timeout to get there (a blind travels for tens of
   * seconds) but reports its way, `options.progress` accepts the reports that get nearer: each
   * restarts the timeout, so that the call fails on a device that stopped getting nearer, not on a
   * slow one still coming, and is answered within `timeoutMs × MAX_PROGRESS_FACTOR`.
   */
  expect(
    entityId: string,
    context: Context,
    expect: Expectation,
    timeoutMs: number,
    options: { progress?: Expectation } = {},
  ): Promise<EntityState> {
    return new Promise<EntityState>((resolve, reject) => {
      const timeout = () => {
        this.drop(entityId, entry);
        reject(
          new HubError(
            'device_timeout',
            options.progress
              ? `${entityId} did not get there, nor nearer for ${timeoutMs} ms`
              : `${entityId} did not confirm the command within ${timeoutMs} ms`,
          ),
        );
      };
      const entry: Pending = {
        context,
        expect,
        progress: options.progress,
        timeoutMs,
        latest: this.clock.now() + timeoutMs * MAX_PROGRESS_FACTOR,
        resolve,
        reject,
        timer: this.clock.setTimeout(timeout, timeoutMs),
        onTimeout: timeout,
      };
      const list = this.pending.get(entityId);
      if (list) list.push(entry);
      else this.pending.set(entityId, [entry]);
    });
  }

  /**
   * Resolves once no command is pending, or after `timeoutMs`: a stopping hub gives the commands
   * in flight that long to be confirmed before it fails the rest.
   */
  settled(timeoutMs: number): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        this.clock.clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve();
      };
      const timer = this.clock.setTimeout(done, timeoutMs);
      this.idleWaiters.add(done);
    });
  }

  hasPending(entityId: string): boolean {
    return this.pending.has(entityId);
  }

  /**
   * The oldest pending command this report confirms, removed from the waiting list. An
   * `unavailable` report fails every pending command of the entity instead.
   */
  claim(entityId: string, state: string, attributes: Attributes): Pending | undefined {
    const list = this.pending.get(entityId);
    if (!list) return undefined;
    if (state === STATE_UNAVAILABLE) {
      this.pending.delete(entityId);
      for (const entry of list) {
        this.clock.clearTimeout(entry.timer);
        entry.reject(
          new HubError('device_unavailable', `${entityId} went offline before it confirmed the command`),
        );
      }
      this.notifyIfIdle();
      return undefined;
    }
    const index = list.findIndex((entry) => entry.expect(state, attributes));
    if (index === -1) {
      for (const entry of list) if (entry.progress?.(state, attributes)) this.restartTimeout(entry);
      return undefined;
    }
    const [entry] = list.splice(index, 1);
    if (list.length === 0) this.pending.delete(entityId);
    if (entry) this.clock.clearTimeout(entry.timer);
    this.notifyIfIdle();
    return entry;
  }

  /** Fails every pending command, e.g. when the hub stops. */
  rejectAll(error: HubError): void {
    for (const list of this.pending.values()) {
      for (const entry of list) {
        this.clock.clearTimeout(entry.timer);
        entry.reject(error);
      }
    }
    this.pending.clear();
    this.notifyIfIdle();
  }

  private restartTimeout(entry: Pending): void {
    this.clock.clearTimeout(entry.timer);
    const left = Math.min(entry.timeoutMs, entry.latest - this.clock.now());
    entry.timer = this.clock.setTimeout(entry.onTimeout, Math.max(0, left));
  }

  private drop(entityId: string, entry: Pending): void {
    const list = this.pending.get(entityId);
    if (!list) return;
    const index = list.indexOf(entry);
    if (index !== -1) list.splice(index, 1);
    if (list.length === 0) this.pending.delete(entityId);
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (this.pending.size === 0) for (const waiter of [...this.idleWaiters]) waiter();
  }
}
