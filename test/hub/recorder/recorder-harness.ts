import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { Recorder } from '../../../hub/recorder/recorder.ts';
import type { Database } from '../../../hub/storage/database.ts';
import { openDatabase } from '../../../hub/storage/database.ts';
import { FakeClock } from '../core/fake-clock.ts';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/**
 * A recorder on a real database in a temporary folder, driven by a fake clock: the state machine
 * and the bus are the hub's own; time moves only when the test says.
 */
export function startRecorder(
  options: {
    keepDays?: number;
    statisticsKeepDays?: number;
    /** The folder of a recorder stopped before: a restart. */
    dir?: string;
    /** What the hub does before the recorder starts: its registry is loaded. */
    beforeStart?: (entities: EntityRegistry) => void;
  } = {},
) {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'hearth-recorder-'));
  const clock = new FakeClock();
  const bus = new EventBus(silentLogger);
  const states = new StateMachine(bus, clock, new CommandConfirmations(clock));
  const entities = new EntityRegistry(bus);
  const db = openDatabase(dir, { synchronous: 'NORMAL' });
  const recorder = new Recorder({
    bus,
    clock,
    log: silentLogger,
    states,
    entities,
    db,
    keepDays: options.keepDays ?? 10,
    statisticsKeepDays: options.statisticsKeepDays ?? 365,
  });
  options.beforeStart?.(entities);
  recorder.start();
  return {
    dir,
    clock,
    bus,
    states,
    entities,
    db,
    recorder,
    /** Rows in the states table, as another connection sees them. */
    rowsOnDisk(): number {
      const other: Database = openDatabase(dir);
      try {
        return (other.prepare('SELECT COUNT(*) AS n FROM states').get() as { n: number }).n;
      } finally {
        other.close();
      }
    },
    async close(removeDir = true): Promise<void> {
      await recorder.stop();
      db.close();
      if (removeDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
