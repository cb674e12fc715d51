import type { OwnerSettings } from '../../settings/owner-settings.ts';
import { formText } from '../form-text.ts';
import { SettingsRow } from './SettingsRow.tsx';

/** The embedded broker's device credentials: add one (its password shown once), remove one. */
export function MqttDeviceSettings({ owner, connected }: { owner: OwnerSettings; connected: boolean }) {
  const devices = owner.devices.value;
  const created = owner.createdDevice.value;
  if (devices === null) return null;
  return (
    <section class="settings__section" aria-labelledby="devices-title">
      <h2 id="devices-title" class="area__title">
        MQTT devices
      </h2>
      <p class="settings__hint">
        The username and password each device connects to the hub's broker with; a device may use only its own
        topics. Removing one disconnects it at once.
      </p>
      <ul class="token-list">
        {devices.map((device) => (
          <SettingsRow
            key={device.username}
            data={{ 'data-mqtt-device': device.username }}
            name={device.username}
            meta={`added ${new Date(device.created_at).toLocaleString()}`}
            action={{
              label: 'Remove',
              describe: `Remove ${device.username}`,
              run: () => owner.removeDevice(device.username),
            }}
          />
        ))}
      </ul>
      <form
        class="settings__form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void owner.addDevice(formText(form, 'username').trim());
          form.reset();
        }}
      >
        <label class="field__label" for="device-username">
          Device name (its MQTT username)
        </label>
        <input
          id="device-username"
          class="field__input"
          name="username"
          maxLength={64}
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
          required
          placeholder="porch-light"
          autoComplete="off"
        />
        <button type="submit" class="button button--primary" disabled={!connected}>
          Add device
        </button>
      </form>
      {created && (
        <div class="settings__created" role="status">
          <p>
            The password of <strong>{created.username}</strong>, shown only now: put it in the device's MQTT
            settings.
          </p>
          <input
            class="field__input"
            readOnly
            value={created.password}
            aria-label="New device password"
            data-device-password
          />
          <button type="button" class="button" onClick={() => owner.dismissCreatedDevice()}>
            Done
          </button>
        </div>
      )}
    </section>
  );
}
