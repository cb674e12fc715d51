import { STATE_ON, STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import type { EntityView } from '../store/entity-view.ts';
import { friendlyName, isAvailable, numberAttribute } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { BrightnessSlider, toPercent } from './BrightnessSlider.tsx';
import { CardFrame } from './CardFrame.tsx';
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

export function LightCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const view = slot.view.value;
  const pending = slot.pending.value;
  const available = isAvailable(view);
  const on = (pending?.state ?? view.state) === STATE_ON;
  const dimmable = supportsBrightness(view);
  const brightness = pending?.brightness ?? (on ? (numberAttribute(view, 'brightness') ?? 255) : 1);
  const name = friendlyName(view);

  let status: string;
  if (pending?.brightness !== undefined) status = `Dimming to ${toPercent(pending.brightness)}%…`;
  else if (pending) status = on ? 'Turning on…' : 'Turning off…';
  else if (view.state === STATE_UNKNOWN) status = 'Unknown';
  else if (on) status = dimmable ? `On · ${toPercent(brightness)}%` : 'On';
  else status = 'Off';

  return (
    <CardFrame
      slot={slot}
      kind="light"
      tall={dimmable}
      icon="bulb"
      active={on}
      status={status}
      control={
        <ToggleSwitch
          checked={on}
          pending={pending !== null}
          disabled={!available}
          label={name}
          onToggle={() => store.toggle(slot.id)}
        />
      }
    >
      {dimmable && (
        <BrightnessSlider
          value={brightness}
          disabled={!available}
          label={name}
          onCommit={(value) => store.setBrightness(slot.id, value)}
        />
      )}
    </CardFrame>
  );
}
