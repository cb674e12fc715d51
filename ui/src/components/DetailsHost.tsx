import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useHubStore } from '../store/hub-context.ts';

type DialogModule = { DetailsDialog: ComponentType };

let loading: Promise<DialogModule> | undefined;

/**
 * Where the details dialog opens. Its code — the chart library (uPlot) above all — is fetched the
 * first time one is opened, so the panel people open to flip a light stays small (DESIGN.md §7).
 */
export function DetailsHost() {
  const store = useHubStore();
  const open = store.details.value !== null;
  const [module, setModule] = useState<DialogModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open || module) return;
    loading ??= import('./details/DetailsDialog.tsx');
    loading.then(setModule, () => {
      loading = undefined;
      setFailed(true);
    });
  }, [open, module]);
  if (!open) return null;
  if (module) return <module.DetailsDialog />;
  return (
    <div class="dialog-backdrop">
      <p class="dialog__loading" role="status">
        {failed ? 'Could not load the details. Check the connection and try again.' : 'Loading…'}
        {failed && (
          <button type="button" class="button button--quiet" onClick={() => store.closeDetails()}>
            Close
          </button>
        )}
      </p>
    </div>
  );
}
