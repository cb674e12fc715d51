import { useEffect, useMemo } from 'preact/hooks';
import type { RefreshTokenEntry } from '../../../../hub/protocol/auth-messages.ts';
import { createOwnerSettings } from '../../settings/owner-settings.ts';
import { useTokenSettings } from '../../settings/settings-context.ts';
import { useHubStore } from '../../store/hub-context.ts';
import { formText } from '../form-text.ts';
import { AreaSettings } from './AreaSettings.tsx';
import { HealthSettings } from './HealthSettings.tsx';
import { LogSettings } from './LogSettings.tsx';
import { MqttDeviceSettings } from './MqttDeviceSettings.tsx';
import { SettingsRow } from './SettingsRow.tsx';
import { UserSettings } from './UserSettings.tsx';

const LIFESPANS = [
  [30, '30 days'],
  [365, '1 year'],
  [3650, '10 years'],
] as const;

const date = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : 'never');

/**
 * Who is signed in, their logins and long-lived tokens, the areas, the hub's health; for the owner
 * also the people, the MQTT device credentials and the log.
 */
export function SettingsView() {
  const settings = useTokenSettings();
  const store = useHubStore();
  const owner = useMemo(() => createOwnerSettings(settings.command), [settings]);
  const connected = store.status.value === 'connected';
  const isOwner = settings.isOwner.value;
  // Loads once connected, and again after a reconnect: the lists may have changed meanwhile.
  useEffect(() => {
    if (connected) void settings.load();
  }, [connected, settings]);
  useEffect(() => {
    if (connected && isOwner) void owner.load();
  }, [connected, isOwner, owner]);
  const tokens = settings.tokens.value;
  const created = settings.created.value;

  return (
    <div class="content settings">
      <section class="settings__section" aria-labelledby="settings-title">
        <h2 id="settings-title" class="area__title">
          Settings
        </h2>
        <p class="settings__hint">Logged in as {settings.user.value ?? '…'}.</p>
        {(settings.error.value ?? owner.error.value) && (
          <p class="login__message" role="alert">
            {settings.error.value ?? owner.error.value}
          </p>
        )}
      </section>

      {isOwner && <UserSettings owner={owner} connected={connected} />}
      {isOwner && <MqttDeviceSettings owner={owner} connected={connected} />}
      <AreaSettings connected={connected} />

      <section class="settings__section" aria-labelledby="tokens-title">
        <h2 id="tokens-title" class="area__title">
          Logins and access tokens
        </h2>
        <p class="settings__hint">
          Every browser logged in as you, and the long-lived tokens of your scripts. Revoking one ends it at
          once.
        </p>
        <ul class="token-list" aria-busy={tokens === null}>
          {(tokens ?? []).map((token) => (
            <TokenRow key={token.id} token={token} onRevoke={() => settings.revoke(token.id)} />
          ))}
        </ul>
      </section>

      <section class="settings__section" aria-labelledby="create-title">
        <h2 id="create-title" class="area__title">
          New long-lived access token
        </h2>
        <form
          class="settings__form"
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const name = formText(form, 'name').trim();
            if (name !== '') void settings.create(name, Number(formText(form, 'lifespan')));
            form.reset();
          }}
        >
          <label class="field__label" for="token-name">
            What it is for
          </label>
          <input
            id="token-name"
            class="field__input"
            name="name"
            maxLength={100}
            required
            placeholder="backup script"
          />
          <label class="field__label" for="token-lifespan">
            Valid for
          </label>
          <select id="token-lifespan" class="field__input" name="lifespan" defaultValue="3650">
            {LIFESPANS.map(([days, label]) => (
              <option key={days} value={days}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" class="button button--primary" disabled={!connected}>
            Create token
          </button>
        </form>
        {created && (
          <div class="settings__created" role="status">
            <p>
              The token <strong>{created.name}</strong>, shown only now: copy it. Use it as{' '}
              <code>Authorization: Bearer …</code> or as the <code>access_token</code> of the WebSocket API.
            </p>
            <input
              class="field__input"
              readOnly
              value={created.token}
              aria-label="New access token"
              data-token
            />
            <button type="button" class="button" onClick={() => settings.dismissCreated()}>
              Done
            </button>
          </div>
        )}
      </section>

      <HealthSettings connected={connected} />
      {isOwner && <LogSettings connected={connected} />}
    </div>
  );
}

function TokenRow({ token, onRevoke }: { token: RefreshTokenEntry; onRevoke: () => void }) {
  const kind = token.type === 'long_lived_access_token' ? 'Long-lived token' : 'Login';
  const label = token.is_current ? 'Log out' : 'Revoke';
  return (
    <SettingsRow
      data={{ 'data-token-id': token.id, 'data-kind': token.type }}
      name={`${token.client_name}${token.is_current ? ' · this browser' : ''}`}
      meta={`${kind} · made ${date(token.created_at)} · last used ${date(token.last_used_at)}${
        token.last_used_ip ? ` from ${token.last_used_ip}` : ''
      }${token.expires_at ? ` · expires ${date(token.expires_at)}` : ''}`}
      action={{ label, describe: label, run: onRevoke }}
    />
  );
}
