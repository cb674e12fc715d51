import type { EntityView } from '../store/entity-view.ts';
import { numberAttribute } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import { cssRgb, hsColor, hsToRgb, kelvinRange, kelvinToRgb, lightColorModes } from './light-color.ts';
import { RangeSlider } from './RangeSlider.tsx';

interface LightColorControlsProps {
  entityId: string;
  /** The view as shown: a colour still in flight is where the sliders sit. */
  view: EntityView;
  disabled: boolean;
  id: string;
}

const HUE_NAMES: readonly [number, string][] = [
  [15, 'red'],
  [45, 'orange'],
  [70, 'yellow'],
  [160, 'green'],
  [200, 'cyan'],
  [255, 'blue'],
  [290, 'purple'],
  [335, 'pink'],
  [360, 'red'],
];
const hueName = (hue: number): string => HUE_NAMES.find(([limit]) => hue < limit)?.[1] ?? 'red';

/**
 * Hue and saturation as two sliders rather than a wheel: each is a native range input, so it works
 * with a keyboard and a screen reader, and a thumb on a phone has a whole card width to move in.
 */
export function LightColorControls({ entityId, view, disabled, id }: LightColorControlsProps) {
  const store = useHubStore();
  const modes = lightColorModes(view);
  const [hue, saturation] = hsColor(view) ?? [30, 0];
  const [minKelvin, maxKelvin] = kelvinRange(view);
  const kelvin = numberAttribute(view, 'color_temp_kelvin') ?? Math.round((minKelvin + maxKelvin) / 2);
  const warm = cssRgb(kelvinToRgb(minKelvin));
  const middle = cssRgb(kelvinToRgb((minKelvin + maxKelvin) / 2));
  const cool = cssRgb(kelvinToRgb(maxKelvin));
  return (
    <div class="color-controls" id={id}>
      {modes.color && (
        <>
          <RangeSlider
            variant="spectrum"
            label="Hue"
            min={0}
            max={359}
            value={hue}
            disabled={disabled}
            valueText={(value) => `${Math.round(value)}°, ${hueName(value)}`}
            style={{ '--spectrum': 'var(--hue-spectrum)' }}
            onCommit={(value) => store.setLightColor(entityId, value, saturation === 0 ? 100 : saturation)}
          />
          <RangeSlider
            variant="spectrum"
            label="Saturation"
            min={0}
            max={100}
            value={saturation}
            disabled={disabled}
            valueText={(value) => `${Math.round(value)}%`}
            style={{ '--spectrum': `linear-gradient(to right, #fff, ${cssRgb(hsToRgb(hue, 100))})` }}
            onCommit={(value) => store.setLightColor(entityId, hue, value)}
          />
        </>
      )}
      {modes.temperature && (
        <RangeSlider
          variant="spectrum"
          label="Colour temperature"
          min={minKelvin}
          max={maxKelvin}
          step={50}
          value={kelvin}
          disabled={disabled}
          valueText={(value) => `${Math.round(value)} K`}
          style={{ '--spectrum': `linear-gradient(to right, ${warm}, ${middle}, ${cool})` }}
          onCommit={(value) => store.setColorTemp(entityId, value)}
        />
      )}
    </div>
  );
}
