import { useState } from 'preact/hooks';
import { renderNow } from './render-now.ts';

interface BrightnessSliderProps {
  /** 1–255, Home Assistant's brightness scale. */
  value: number;
  disabled: boolean;
  label: string;
  onCommit: (brightness: number) => void;
}

export const toPercent = (brightness: number): number => Math.max(1, Math.round((brightness / 255) * 100));

/**
 * Follows the finger locally while dragging (`input`) and sends one command on release
 * (`change`): a command per pixel would flood the device and the hub.
 */
export function BrightnessSlider({ value, disabled, label, onCommit }: BrightnessSliderProps) {
  const [dragging, setDragging] = useState<number | null>(null);
  const shown = dragging ?? value;
  const percent = toPercent(shown);
  return (
    <input
      type="range"
      class="slider"
      min={1}
      max={255}
      step={1}
      value={shown}
      disabled={disabled}
      aria-label={`${label} brightness`}
      aria-valuetext={`${percent}%`}
      style={{ '--fill': `${((shown - 1) / 254) * 100}%` }}
      onInput={(event) => setDragging(Number(event.currentTarget.value))}
      onChange={(event) => {
        const brightness = Number(event.currentTarget.value);
        renderNow(() => {
          setDragging(null);
          onCommit(brightness);
        });
      }}
    />
  );
}
