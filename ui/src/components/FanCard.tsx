import { STATE_ON, STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import type { EntityView } from '../store/entity-view.ts';
import {
  booleanAttribute,
  friendlyName,
  isAvailable,
  numberAttribute,
  shownView,
  stringAttribute,
  stringListAttribute,
  supportedFeatures,
} from '../store/entity-view.ts';
import { FanFeature } from '../store/fan-actions.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot, PendingChange } from '../store/hub-store.ts';
import { CardFrame, rowsFor } from './CardFrame.tsx';
import { humanize } from './humanize.ts';
import { Icon } from './Icon.tsx';
import { RangeSlider } from './RangeSlider.tsx';
import { renderNow } from './render-now.ts';
import { SelectField } from './SelectField.tsx';
import { ToggleSwitch } from './ToggleSwitch.tsx';

/** The entity's features, or what its attributes show it can do when it does not say. */
export function fanFeatures(view: EntityView): number {
  const features = supportedFeatures(view);
  if (features !== null) return features;
  return (
    (numberAttribute(view, 'percentage') !== null ? FanFeature.SET_SPEED : 0) |
    (booleanAttribute(view, 'oscillating') !== null ? FanFeature.OSCILLATE : 0) |
    (stringAttribute(view, 'direction') !== null ? FanFeature.DIRECTION : 0) |
    (stringListAttribute(view, 'preset_modes').length > 0 ? FanFeature.PRESET_MODE : 0)
  );
}

/**
 * Speeds as Home Assistant counts them: `percentage_step` is 100 / speed_count, so a three-speed
 * fan has steps of 33.33 %. The slider moves over speeds 1..N and sends whole percentages.
 */
export function speedCount(view: EntityView): number {
  const step = numberAttribute(view, 'percentage_step');
  return step !== null && step > 0 && step <= 100 ? Math.max(1, Math.round(100 / step)) : 100;
}

function status(view: EntityView, pending: PendingChange | null, on: boolean): string {
  const percentage = numberAttribute(view, 'percentage');
  const preset = stringAttribute(view, 'preset_mode');
  if (pending?.service === 'set_percentage' && percentage !== null && percentage > 0)
    return `Setting ${percentage}%…`;
  if (pending?.state !== undefined) return pending.state === STATE_ON ? 'Turning on…' : 'Turning off…';
  if (pending) return 'Changing…';
  if (view.state === STATE_UNKNOWN) return 'Unknown';
  if (!on) return 'Off';
  if (preset) return `On · ${humanize(preset)}`;
  return percentage !== null ? `On · ${percentage}%` : 'On';
}

export function FanCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const pending = slot.pending.value;
  const confirmed = slot.view.value;
  const view = shownView(confirmed, pending);
  const available = isAvailable(confirmed);
  const disabled = !available;
  const on = view.state === STATE_ON;
  const features = fanFeatures(view);
  const speeds = speedCount(view);
  const percentage = numberAttribute(view, 'percentage') ?? 0;
  const presets = stringListAttribute(view, 'preset_modes');
  const oscillating = booleanAttribute(view, 'oscillating') === true;
  const reverse = stringAttribute(view, 'direction') === 'reverse';
  const canSpeed = (features & FanFeature.SET_SPEED) !== 0;
  const canOscillate = (features & FanFeature.OSCILLATE) !== 0;
  const canDirection = (features & FanFeature.DIRECTION) !== 0;
  const canPreset = (features & FanFeature.PRESET_MODE) !== 0 && presets.length > 0;
  const extras = canOscillate || canDirection || canPreset;

  return (
    <CardFrame
      slot={slot}
      kind="fan"
      rows={rowsFor(
        (canSpeed ? 1 : 0) + (extras ? 1 : 0) + (canPreset && (canOscillate || canDirection) ? 1 : 0),
      )}
      icon="fan"
      active={on}
      status={status(view, pending, on)}
      control={
        <ToggleSwitch
          checked={on}
          pending={pending?.state !== undefined}
          disabled={disabled}
          label={friendlyName(view)}
          onToggle={() => store.toggle(slot.id)}
        />
      }
    >
      {canSpeed && (
        <RangeSlider
          label="Speed"
          caption={on && percentage > 0 ? `Speed · ${percentage}%` : 'Speed'}
          min={1}
          max={speeds}
          value={on ? Math.max(1, Math.round((percentage / 100) * speeds)) : 1}
          disabled={disabled}
          valueText={(speed) =>
            speeds === 100
              ? `${speed}%`
              : `Speed ${speed} of ${speeds}, ${Math.round((speed / speeds) * 100)}%`
          }
          onCommit={(speed) => store.setFanPercentage(slot.id, (speed / speeds) * 100)}
        />
      )}
      {extras && (
        <div class="field-row field-row--end">
          {canOscillate && (
            <button
              type="button"
              class="chip chip--icon"
              aria-pressed={oscillating ? 'true' : 'false'}
              disabled={disabled}
              onClick={() => renderNow(() => store.setFanOscillating(slot.id, !oscillating))}
            >
              <Icon name="wind" />
              Oscillate
            </button>
          )}
          {canDirection && (
            <button
              type="button"
              class="chip chip--icon"
              aria-pressed={reverse ? 'true' : 'false'}
              disabled={disabled}
              onClick={() => renderNow(() => store.setFanDirection(slot.id, reverse ? 'forward' : 'reverse'))}
            >
              <Icon name="swap" />
              Reverse
            </button>
          )}
          {canPreset && (
            <SelectField
              label="Preset"
              hideLabel
              placeholder="Preset…"
              value={stringAttribute(view, 'preset_mode')}
              options={presets}
              format={humanize}
              disabled={disabled}
              onSelect={(preset) => store.setFanPreset(slot.id, preset)}
            />
          )}
        </div>
      )}
    </CardFrame>
  );
}
