import { useHubStore } from '../store/hub-context.ts';
import type { ConnectionStatus } from '../store/hub-store.ts';

const LABELS: Readonly<Record<ConnectionStatus, string>> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  disconnected: 'Offline, retrying',
};

export function ConnectionIndicator() {
  const status = useHubStore().status.value;
  return (
    <output class="connection" data-connection={status} aria-live="polite">
      <span class="connection__dot" />
      <span class="connection__label">{LABELS[status]}</span>
    </output>
  );
}
