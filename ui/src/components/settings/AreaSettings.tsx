import { useState } from 'preact/hooks';
import { useHubStore } from '../../store/hub-context.ts';
import { formText } from '../form-text.ts';

/**
 * Areas through Home Assistant's area registry commands; the list is the store's, which every
 * panel keeps current from `area_registry_updated`, so a change shows by the same path everywhere.
 */
export function AreaSettings({ connected }: { connected: boolean }) {
  const store = useHubStore();
  const [error, setError] = useState<string | null>(null);
  const attempt = (action: Promise<unknown>) => {
    setError(null);
    return action.then(
      () => true,
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : 'The hub did not answer; try again.');
        return false;
      },
    );
  };
  return (
    <section class="settings__section" aria-labelledby="areas-title">
      <h2 id="areas-title" class="area__title">
        Areas
      </h2>
      <p class="settings__hint">
        The rooms the house is grouped by. Removing one leaves its devices without an area.
      </p>
      {error && (
        <p class="login__message" role="alert">
          {error}
        </p>
      )}
      <ul class="token-list">
        {store.areas.value.map((area) => (
          <li key={area.area_id} class="token" data-area={area.area_id}>
            <form
              class="token__text area-rename"
              onSubmit={(event) => {
                event.preventDefault();
                const name = formText(event.currentTarget, 'name').trim();
                if (name !== '' && name !== area.name) void attempt(store.renameArea(area.area_id, name));
              }}
            >
              <input
                class="field__input"
                name="name"
                defaultValue={area.name}
                key={area.name}
                maxLength={100}
                required
                aria-label={`Name of ${area.name}`}
              />
              <button type="submit" class="button button--quiet" disabled={!connected}>
                Rename
              </button>
            </form>
            <button
              type="button"
              class="button button--quiet"
              aria-label={`Remove ${area.name}`}
              onClick={() => attempt(store.deleteArea(area.area_id))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        class="settings__form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = formText(form, 'name').trim();
          if (name !== '') void attempt(store.createArea(name)).then((added) => added && form.reset());
        }}
      >
        <label class="field__label" for="area-name">
          New area
        </label>
        <input
          id="area-name"
          class="field__input"
          name="name"
          maxLength={100}
          required
          placeholder="Garden"
        />
        <button type="submit" class="button button--primary" disabled={!connected}>
          Add area
        </button>
      </form>
    </section>
  );
}
