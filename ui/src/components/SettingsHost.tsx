import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type SettingsModule = { SettingsView: ComponentType };

let loading: Promise<SettingsModule> | undefined;

/** The settings view, fetched the first time it is opened: the panel for everyday use stays small. */
export function SettingsHost() {
  const [module, setModule] = useState<SettingsModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loading ??= import('./settings/SettingsView.tsx');
    loading.then(setModule, () => {
      loading = undefined;
      setFailed(true);
    });
  }, []);
  if (module) return <module.SettingsView />;
  return (
    <p class="content settings__hint" role="status">
      {failed ? 'Could not load the settings. Check the connection and try again.' : 'Loading…'}
    </p>
  );
}
