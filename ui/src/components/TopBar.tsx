import { useHubStore } from '../store/hub-context.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { Icon } from './Icon.tsx';

export function TopBar() {
  const store = useHubStore();
  return (
    <header class="topbar">
      <div class="topbar__inner">
        <h1 class="brand">
          <Icon name="flame" />
          hearth
        </h1>
        <ConnectionIndicator />
        <button type="button" class="button button--quiet" onClick={() => store.signOut()}>
          <Icon name="logout" />
          <span class="button__label">Log out</span>
        </button>
      </div>
    </header>
  );
}
