import { useTokenSettings } from '../settings/settings-context.ts';
import { useHubStore } from '../store/hub-context.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { Icon } from './Icon.tsx';

export function TopBar() {
  const store = useHubStore();
  const settings = useTokenSettings();
  const open = settings.open.value;
  return (
    <header class="topbar">
      <div class="topbar__inner">
        <h1 class="brand">
          <Icon name="flame" />
          hearth
        </h1>
        <ConnectionIndicator />
        <button
          type="button"
          class="button button--quiet"
          aria-pressed={open}
          onClick={() => {
            settings.open.value = !open;
          }}
        >
          <Icon name={open ? 'list' : 'sliders'} />
          <span class="button__label">{open ? 'House' : 'Settings'}</span>
        </button>
        <button type="button" class="button button--quiet" onClick={() => store.signOut()}>
          <Icon name="logout" />
          <span class="button__label">Log out</span>
        </button>
      </div>
    </header>
  );
}
