import { useHubStore } from '../store/hub-context.ts';
import { AreaSection } from './AreaSection.tsx';
import { Icon } from './Icon.tsx';

const SKELETON_CARDS = [0, 1, 2, 3, 4, 5];

export function Dashboard() {
  const store = useHubStore();
  const sections = store.sections.value;

  if (!store.synced.value) {
    return (
      <div class="content" aria-busy="true">
        <p class="visually-hidden">Loading devices…</p>
        <div class="grid">
          {SKELETON_CARDS.map((key) => (
            <div key={key} class="card card--skeleton" />
          ))}
        </div>
      </div>
    );
  }

  if (sections.length === 0) {
    return (
      <div class="content">
        <div class="empty">
          <h2>No devices yet</h2>
          <p>
            Devices appear here as soon as the hub discovers them over MQTT. To try hearth with a simulated
            house, run <code>hearth demo</code>.
          </p>
        </div>
      </div>
    );
  }

  const stale = store.status.value !== 'connected';
  return (
    <div class="content" data-stale={stale ? 'true' : 'false'}>
      {stale && (
        <p class="notice" role="status">
          <Icon name="alert" />
          Not connected to the hub. Showing the last known state while reconnecting.
        </p>
      )}
      {sections.map((group) => (
        <AreaSection key={group.areaId ?? ''} group={group} />
      ))}
    </div>
  );
}
