import { useState } from 'preact/hooks';
import { useHubStore } from '../../store/hub-context.ts';
import type { DeviceEntry, EntityRegistryEntry } from '../../store/registry.ts';
import { IconPicker } from './IconPicker.tsx';

const NEW_AREA = '\u0000new';

/**
 * Name, area and icon of an entity. Saving sends `config/entity_registry/update`; the hub answers
 * every open panel, this one included, with the new name and icon in the entity's state.
 */
export function EntityEditForm({
  entry,
  device,
  shownName,
}: {
  entry: EntityRegistryEntry;
  device: DeviceEntry | null;
  shownName: string;
}) {
  const store = useHubStore();
  const areas = store.areas.value;
  const [name, setName] = useState(entry.name ?? '');
  const [areaChoice, setAreaChoice] = useState(entry.area_id ?? '');
  const [newArea, setNewArea] = useState('');
  const [icon, setIcon] = useState(entry.icon);
  const [status, setStatus] = useState<{ busy: boolean; message: string | null; error: boolean }>({
    busy: false,
    message: null,
    error: false,
  });
  const deviceArea = areas.find((area) => area.area_id === device?.area_id);

  async function save(event: Event) {
    event.preventDefault();
    setStatus({ busy: true, message: null, error: false });
    try {
      let areaId: string | null = areaChoice === '' ? null : areaChoice;
      if (areaChoice === NEW_AREA) {
        const created = await store.createArea(newArea.trim());
        areaId = created.area_id;
        setAreaChoice(areaId);
        setNewArea('');
      }
      await store.updateEntity(entry.entity_id, {
        name: name.trim() === '' ? null : name.trim(),
        area_id: areaId,
        icon,
      });
      setStatus({ busy: false, message: 'Saved', error: false });
    } catch (error) {
      setStatus({ busy: false, message: error instanceof Error ? error.message : 'Not saved', error: true });
    }
  }

  return (
    <form class="edit" onSubmit={save} aria-labelledby="edit-title">
      <h3 id="edit-title" class="dialog__section-title">
        Name, area and icon
      </h3>
      <label class="field__label" for="edit-name">
        Name
      </label>
      <input
        id="edit-name"
        class="field__input"
        value={name}
        placeholder={entry.name === null ? shownName : 'The device’s name'}
        maxLength={100}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <label class="field__label" for="edit-area">
        Area
      </label>
      <div class="field">
        <select
          id="edit-area"
          class="select"
          value={areaChoice}
          onChange={(event) => setAreaChoice(event.currentTarget.value)}
        >
          <option value="">{device ? `As its device (${deviceArea?.name ?? 'no area'})` : 'No area'}</option>
          {areas.map((area) => (
            <option key={area.area_id} value={area.area_id}>
              {area.name}
            </option>
          ))}
          <option value={NEW_AREA}>New area…</option>
        </select>
      </div>
      {areaChoice === NEW_AREA && (
        <input
          class="field__input"
          aria-label="New area name"
          placeholder="Garden"
          required
          maxLength={100}
          value={newArea}
          onInput={(event) => setNewArea(event.currentTarget.value)}
        />
      )}
      <IconPicker value={icon} onChange={setIcon} />
      <div class="edit__actions">
        <button type="submit" class="button button--primary" disabled={status.busy}>
          {status.busy ? 'Saving…' : 'Save'}
        </button>
        {status.message && (
          <p class={status.error ? 'login__message' : 'edit__saved'} role={status.error ? 'alert' : 'status'}>
            {status.message}
          </p>
        )}
      </div>
    </form>
  );
}
