import type { OwnerSettings } from '../../settings/owner-settings.ts';
import { formText } from '../form-text.ts';
import { SettingsRow } from './SettingsRow.tsx';

/** The owner's list of people: add one with a password, remove one (their sessions end at once). */
export function UserSettings({ owner, connected }: { owner: OwnerSettings; connected: boolean }) {
  const users = owner.users.value;
  return (
    <section class="settings__section" aria-labelledby="users-title">
      <h2 id="users-title" class="area__title">
        Users
      </h2>
      <p class="settings__hint">The people who may use this hub. Removing one logs them out everywhere.</p>
      <ul class="token-list" aria-busy={users === null}>
        {(users ?? []).map((user) => (
          <SettingsRow
            key={user.id}
            data={{ 'data-user': user.name }}
            name={`${user.name}${user.is_current ? ' · you' : ''}`}
            meta={`${user.is_owner ? 'Owner' : 'User'} · added ${new Date(user.created_at).toLocaleDateString()}${
              user.has_password ? '' : ' · no password'
            }`}
            action={
              user.is_current
                ? undefined
                : { label: 'Remove', describe: `Remove ${user.name}`, run: () => owner.removeUser(user.name) }
            }
          />
        ))}
      </ul>
      <form
        class="settings__form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void owner
            .addUser(formText(form, 'name').trim(), formText(form, 'password'))
            .then((added) => added && form.reset());
        }}
      >
        <label class="field__label" for="user-name">
          Name
        </label>
        <input id="user-name" class="field__input" name="name" maxLength={64} required autoComplete="off" />
        <label class="field__label" for="user-password">
          Password (8 characters or more)
        </label>
        <input
          id="user-password"
          class="field__input"
          name="password"
          type="password"
          minLength={8}
          required
          autoComplete="new-password"
        />
        <button type="submit" class="button button--primary" disabled={!connected}>
          Add user
        </button>
      </form>
    </section>
  );
}
