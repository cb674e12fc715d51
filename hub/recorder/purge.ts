import type { Database } from '../storage/database.ts';

/** Rows deleted per transaction: a purge must not hold the event loop for long. */
const BATCH = 4000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Retention (Home Assistant's `recorder.purge_keep_days`): states older than `statesBeforeMs` go,
 * except, for each entity, the one still in effect then — so a query of the last day still knows
 * the state of a door that has been shut for a month. Attribute sets no state refers to go too;
 * statistics older than `statisticsBeforeMs` go. Deletes in small transactions, yielding between
 * them, so the hub keeps answering during a large purge.
 */
export async function purge(
  db: Database,
  cutoffs: { statesBeforeMs: number; statisticsBeforeMs: number },
): Promise<{ states: number; attributes: number; statistics: number }> {
  const states = db.prepare(
    `DELETE FROM states WHERE state_id IN (
       SELECT s.state_id FROM states s
       WHERE s.last_updated_ms < :cutoff AND EXISTS (
         SELECT 1 FROM states n WHERE n.metadata_id = s.metadata_id
           AND n.last_updated_ms <= :cutoff AND n.last_updated_ms >= s.last_updated_ms AND n.state_id > s.state_id)
       LIMIT ${BATCH})`,
  );
  const attributes = db.prepare(
    `DELETE FROM state_attributes WHERE attributes_id IN (
       SELECT a.attributes_id FROM state_attributes a
       WHERE NOT EXISTS (SELECT 1 FROM states s WHERE s.attributes_id = a.attributes_id) LIMIT ${BATCH})`,
  );
  const statistics = db.prepare(
    `DELETE FROM statistics WHERE (metadata_id, start_ms) IN (
       SELECT metadata_id, start_ms FROM statistics WHERE start_ms < ? LIMIT ${BATCH})`,
  );
  const until = async (run: () => number): Promise<number> => {
    let total = 0;
    for (;;) {
      const deleted = run();
      total += deleted;
      if (deleted < BATCH) return total;
      await nextTurn();
    }
  };
  return {
    states: await until(() => states.run({ cutoff: cutoffs.statesBeforeMs }).changes),
    attributes: await until(() => attributes.run().changes),
    statistics: await until(() => statistics.run(cutoffs.statisticsBeforeMs).changes),
  };
}
