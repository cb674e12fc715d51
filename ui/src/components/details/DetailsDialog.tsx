import { useEffect, useRef } from 'preact/hooks';
import { useHubStore } from '../../store/hub-context.ts';
import { AreaDetails } from './AreaDetails.tsx';
import { EntityDetails } from './EntityDetails.tsx';

/**
 * The details dialog: a native modal `<dialog>`, so focus stays inside it, Escape closes it and
 * the page behind is inert, with no code of ours for any of that. Full screen on a phone.
 */
export function DetailsDialog() {
  const store = useHubStore();
  const details = store.details.value;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  });
  if (!details) return null;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard's way out is Escape, which a modal <dialog> handles itself; the click is the backdrop's
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="details-title"
      onClose={() => store.closeDetails()}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === dialog.current) store.closeDetails();
      }}
    >
      {details.kind === 'entity' ? (
        <EntityDetails key={details.entityId} entityId={details.entityId} />
      ) : (
        <AreaDetails key={details.areaId} areaId={details.areaId} />
      )}
    </dialog>
  );
}
