import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { DEFAULT_MAX_TEMP, DEFAULT_MIN_TEMP, DEFAULT_TEMP_STEP } from '../store/climate-actions.ts';
import type { EntityView } from '../store/entity-view.ts';
import {
  isAvailable,
  numberAttribute,
  shownView,
  stringAttribute,
  stringListAttribute,
  supportedFeatures,
} from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame, rowsFor } from './CardFrame.tsx';
import { ChoiceChips } from './ChoiceChips.tsx';
import { formatNumber } from './format-number.ts';
import { humanize } from './humanize.ts';
import { Icon } from './Icon.tsx';
import { renderNow } from './render-now.ts';
import { SelectField } from './SelectField.tsx';

/** `ClimateEntityFeature.TARGET_TEMPERATURE` (https://developers.home-assistant.io/docs/core/entity/climate). */
const TARGET_TEMPERATURE = 1;

const MODES: Readonly<Record<string, string>> = {
  off: 'Off',
  heat: 'Heat',
  cool: 'Cool',
  heat_cool: 'Heat/Cool',
  auto: 'Auto',
  dry: 'Dry',
  fan_only: 'Fan',
};
export const hvacModeWord = (mode: string): string => MODES[mode] ?? humanize(mode);

/** `hvac_action`: what the device is doing now, which the mode alone does not tell. */
const ACTIONS: Readonly<Record<string, string>> = {
  heating: 'Heating',
  cooling: 'Cooling',
  drying: 'Drying',
  idle: 'Idle',
  off: 'Off',
  fan: 'Fan',
  preheating: 'Preheating',
  defrosting: 'Defrosting',
};

const TONES: Readonly<Record<string, string>> = { heating: 'heat', preheating: 'heat', cooling: 'cool' };

/** Climate attributes carry no unit; an integration may add `temperature_unit`, else the degree sign alone. */
export function formatTemperature(value: number, view: EntityView, precision: number | null = null): string {
  const unit = stringAttribute(view, 'temperature_unit') ?? stringAttribute(view, 'unit_of_measurement');
  const number = formatNumber(value, precision);
  return unit ? `${number} ${unit}` : `${number}°`;
}

/** Has a single setpoint: the feature bit when the entity states its features, else a `temperature`. */
function hasSetpoint(view: EntityView): boolean {
  const features = supportedFeatures(view);
  if (features !== null && (features & TARGET_TEMPERATURE) === 0) return false;
  return numberAttribute(view, 'temperature') !== null;
}

export function climateStatus(view: EntityView): string {
  if (view.state === STATE_UNKNOWN) return 'Unknown';
  const action = stringAttribute(view, 'hvac_action');
  const doing = action ? (ACTIONS[action] ?? humanize(action)) : hvacModeWord(view.state);
  const current = numberAttribute(view, 'current_temperature');
  return current === null ? doing : `${doing} · ${formatTemperature(current, view)} now`;
}

export function ClimateCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const pending = slot.pending.value;
  const confirmed = slot.view.value;
  const view = shownView(confirmed, pending);
  const available = isAvailable(confirmed);
  const disabled = !available;

  const target = numberAttribute(view, 'temperature');
  const setpoint = hasSetpoint(view) && target !== null;
  const min = numberAttribute(view, 'min_temp') ?? DEFAULT_MIN_TEMP;
  const max = numberAttribute(view, 'max_temp') ?? DEFAULT_MAX_TEMP;
  const targetPending = pending !== null && 'temperature' in pending.attributes;
  // Half-degree steps read 21.0, 21.5; whole-degree steps 21, 22.
  const decimals = (numberAttribute(view, 'target_temp_step') ?? DEFAULT_TEMP_STEP) < 1 ? 1 : 0;
  const temperature = (value: number): string => formatTemperature(value, view, decimals);
  const low = numberAttribute(view, 'target_temp_low');
  const high = numberAttribute(view, 'target_temp_high');

  const modes = stringListAttribute(view, 'hvac_modes');
  const presets = stringListAttribute(view, 'preset_modes');
  const fanModes = stringListAttribute(view, 'fan_modes');
  const action = stringAttribute(view, 'hvac_action');

  let status = climateStatus(view);
  if (pending?.service === 'set_hvac_mode' && pending.state)
    status = `Switching to ${hvacModeWord(pending.state)}…`;
  else if (targetPending && target !== null) status = `Setting ${temperature(target)}…`;

  const rows = rowsFor(1 + (modes.length > 1 ? 1 : 0) + (presets.length > 0 || fanModes.length > 0 ? 1 : 0));
  return (
    <CardFrame
      slot={slot}
      kind="climate"
      rows={rows}
      icon={action === 'cooling' ? 'snowflake' : 'thermostat'}
      active={action !== null && action in TONES}
      tone={action ? TONES[action] : undefined}
      status={status}
    >
      <div class="setpoint-row" data-off={view.state === 'off' ? 'true' : undefined}>
        <button
          type="button"
          class="round-button"
          aria-label="Lower target temperature"
          disabled={disabled || !setpoint || (target ?? min) <= min}
          onClick={() => renderNow(() => store.stepTemperature(slot.id, -1))}
        >
          <Icon name="minus" />
        </button>
        <div class="setpoint">
          <span
            class="setpoint__value"
            data-testid="setpoint"
            data-pending={targetPending ? 'true' : 'false'}
            aria-live="polite"
          >
            {setpoint && target !== null
              ? temperature(target)
              : low !== null && high !== null
                ? `${temperature(low)} – ${temperature(high)}`
                : '—'}
          </span>
          <span class="setpoint__caption" aria-hidden="true">
            Target
          </span>
        </div>
        <button
          type="button"
          class="round-button"
          aria-label="Raise target temperature"
          disabled={disabled || !setpoint || (target ?? max) >= max}
          onClick={() => renderNow(() => store.stepTemperature(slot.id, 1))}
        >
          <Icon name="plus" />
        </button>
      </div>
      {modes.length > 1 && (
        <ChoiceChips
          label="Mode"
          choices={modes.map((mode) => ({ value: mode, label: hvacModeWord(mode) }))}
          selected={view.state}
          disabled={disabled}
          onSelect={(mode) => store.setHvacMode(slot.id, mode)}
        />
      )}
      {(presets.length > 0 || fanModes.length > 0) && (
        <div class="field-row">
          {presets.length > 0 && (
            <SelectField
              label="Preset"
              value={stringAttribute(view, 'preset_mode')}
              options={presets}
              format={humanize}
              disabled={disabled}
              onSelect={(preset) => store.setClimatePreset(slot.id, preset)}
            />
          )}
          {fanModes.length > 0 && (
            <SelectField
              label="Fan"
              value={stringAttribute(view, 'fan_mode')}
              options={fanModes}
              format={humanize}
              disabled={disabled}
              onSelect={(mode) => store.setClimateFanMode(slot.id, mode)}
            />
          )}
        </div>
      )}
    </CardFrame>
  );
}
