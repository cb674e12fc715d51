import { useState } from 'preact/hooks';
import { useHubStore } from '../../store/hub-context.ts';
import { DialogHeader } from './DialogHeader.tsx';

/** Renames or deletes an area; what is in a deleted area goes to "Other". */
export function AreaDetails({ areaId }: { areaId: string }) {
  const store = useHubStore();
  const area = store.areas.value.find((a) => a.area_id === areaId);
  const [name, setName] = useState(area?.name ?? '');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (!area) {
    return (
      <>
        <DialogHeader title="Area" />
        <p class="dialog__empty">This area is gone.</p>
      </>
    );
  }
  const fail = (error: unknown) =>
    setMessage({ text: error instanceof Error ? error.message : 'Not saved', error: true });
  return (
    <>
      <DialogHeader title={area.name} subtitle="Area" />
      <form
        class="dialog__body edit"
        onSubmit={(event) => {
          event.preventDefault();
          store.renameArea(areaId, name.trim()).then(() => setMessage({ text: 'Saved', error: false }), fail);
        }}
      >
        <label class="field__label" for="area-name">
          Name
        </label>
        <input
          id="area-name"
          class="field__input"
          required
          maxLength={100}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <div class="edit__actions">
          <button type="submit" class="button button--primary">
            Save
          </button>
          <button
            type="button"
            class="button button--quiet"
            onClick={() => store.deleteArea(areaId).then(() => store.closeDetails(), fail)}
          >
            Delete area
          </button>
          {message && (
            <p
              class={message.error ? 'login__message' : 'edit__saved'}
              role={message.error ? 'alert' : 'status'}
            >
              {message.text}
            </p>
          )}
        </div>
      </form>
    </>
  );
}
