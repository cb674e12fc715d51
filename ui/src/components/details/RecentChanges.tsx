import { useEffect, useState } from 'preact/hooks';
import type { LogbookEntry } from '../../../../hub/protocol/history.ts';
import { useHubStore } from '../../store/hub-context.ts';
import { sensorReading } from '../SensorCard.tsx';

const SHOWN = 50;
const time = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The entity's changes of the last day, newest first, refreshed when its state changes. */
export function RecentChanges({
  entityId,
  unit,
  lastChanged,
}: {
  entityId: string;
  unit: string | null;
  /** The current state: a new one is a new line. */
  lastChanged: string;
}) {
  const store = useHubStore();
  const [entries, setEntries] = useState<LogbookEntry[] | null>(null);
  useEffect(() => {
    let current = true;
    store.recentChanges(entityId).then(
      (loaded) => current && setEntries(loaded),
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [entityId, lastChanged, store]);
  return (
    <section class="changes" aria-labelledby="changes-title">
      <h3 id="changes-title" class="dialog__section-title">
        Recent changes
      </h3>
      {entries === null ? (
        <p class="dialog__empty">Loading…</p>
      ) : entries.length === 0 ? (
        <p class="dialog__empty">No changes in the last 24 hours.</p>
      ) : (
        <ol class="changes__list">
          {entries.slice(0, SHOWN).map((entry) => (
            <li key={`${entry.when}-${entry.state}`} class="changes__item">
              <span class="changes__state">
                {entry.state === 'unknown'
                  ? 'unknown'
                  : sensorReading(entry.state.replaceAll('_', ' '), unit)}
              </span>
              <time class="changes__time" dateTime={new Date(entry.when * 1000).toISOString()}>
                {time.format(entry.when * 1000)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
