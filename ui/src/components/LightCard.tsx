import { useState } from 'preact/hooks';
import { STATE_ON, STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import type { EntityView } from '../store/entity-view.ts';
import { friendlyName, isAvailable, numberAttribute, shownView } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot, PendingChange } from '../store/hub-store.ts';
import { BrightnessSlider, toPercent } from './BrightnessSlider.tsx';
import { CardFrame, rowsFor } from './CardFrame.tsx';
import { LightColorControls } from './LightColorControls.tsx';
import { cssRgb, lightColor, lightColorModes } from './light-color.ts';
import { ToggleSwitch } from './ToggleSwitch.tsx';

/**
 * Every color mode but `onoff` implies brightness (Home Assistant's `brightness_supported()`);
 * older integrations only report a `brightness` attribute.
 */
export function supportsBrightness(view: EntityView): boolean {
  const modes = view.attributes.supported_color_modes;
  if (Array.isArray(modes)) return modes.some((mode) => mode !== 'onoff' && mode !== 'unknown');
  return numberAttribute(view, 'brightness') !== null;
}

function pendingStatus(pending: PendingChange): string {
  const brightness = pending.attributes.brightness;
  if (pending.state === 'off') return 'Turning off…';
  if (typeof brightness === 'number') return `Dimming to ${toPercent(brightness)}%…`;
  if ('hs_color' in pending.attributes || 'color_temp_kelvin' in pending.attributes)
    return 'Changing colour…';
  return 'Turning on…';
}

export function LightCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const [colorOpen, setColorOpen] = useState(false);
  const pending = slot.pending.value;
  const confirmed = slot.view.value;
  const view = shownView(confirmed, pending);
  const available = isAvailable(confirmed);
  const on = view.state === STATE_ON;
  const dimmable = supportsBrightness(view);
  const modes = lightColorModes(view);
  const colorful = modes.color || modes.temperature;
  const brightness = on ? (numberAttribute(view, 'brightness') ?? 255) : 1;
  const color = on ? lightColor(view) : null;
  const name = friendlyName(view);
  const panelId = `color-${slot.id}`;

  let status: string;
  if (pending) status = pendingStatus(pending);
  else if (view.state === STATE_UNKNOWN) status = 'Unknown';
  else if (on) status = dimmable ? `On · ${toPercent(brightness)}%` : 'On';
  else status = 'Off';

  const open = colorful && colorOpen;
  const sliders = open ? (modes.color ? 2 : 0) + (modes.temperature ? 1 : 0) : 0;
  return (
    <CardFrame
      slot={slot}
      kind="light"
      rows={rowsFor((dimmable || colorful ? 1 : 0) + sliders * 0.85)}
      icon="bulb"
      active={on}
      status={status}
      control={
        <ToggleSwitch
          checked={on}
          pending={pending?.state !== undefined}
          disabled={!available}
          label={name}
          onToggle={() => store.toggle(slot.id)}
        />
      }
    >
      {(dimmable || colorful) && (
        <div class="slider-row">
          {dimmable && (
            <BrightnessSlider
              value={brightness}
              disabled={!available}
              label={name}
              onCommit={(value) => store.setBrightness(slot.id, value)}
            />
          )}
          {colorful && (
            <button
              type="button"
              class="swatch"
              aria-label="Colour"
              aria-expanded={open ? 'true' : 'false'}
              aria-controls={panelId}
              disabled={!available}
              style={color ? { '--swatch': cssRgb(color) } : undefined}
              data-color={color ? cssRgb(color) : undefined}
              onClick={() => setColorOpen(!colorOpen)}
            >
              <span class="swatch__dot" />
            </button>
          )}
        </div>
      )}
      {open && <LightColorControls entityId={slot.id} view={view} disabled={!available} id={panelId} />}
    </CardFrame>
  );
}
