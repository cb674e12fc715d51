import type { CSSProperties } from 'preact';
import { useState } from 'preact/hooks';
import { renderNow } from './render-now.ts';

interface RangeSliderProps {
  value: number;
  min: number;
  max: number;
  step?: number;
  disabled: boolean;
  /** The accessible name: "Position", "Hue", "Speed", … */
  label: string;
  /** What a screen reader says for a value: "60%", "2700 K". */
  valueText?: (value: number) => string;
  onCommit: (value: number) => void;
  /** `slider--<variant>`: the fill track by default; `spectrum` for a gradient painted by the caller. */
  variant?: 'fill' | 'spectrum';
  /** Printed inside the track ("Position · 60%"), for cards with more than one slider. */
  caption?: string;
  style?: CSSProperties;
}

/**
 * A native range input, so arrows, Page Up/Down, Home and End work and screen readers know it.
 * Follows the finger locally while dragging (`input`) and sends one command on release (`change`):
 * a command per pixel would flood the device and the hub.
 */
export function RangeSlider({
  value,
  min,
  max,
  step = 1,
  disabled,
  label,
  valueText,
  onCommit,
  variant = 'fill',
  caption,
  style,
}: RangeSliderProps) {
  const [dragging, setDragging] = useState<number | null>(null);
  const shown = dragging ?? Math.min(max, Math.max(min, value));
  const fill = max > min ? ((shown - min) / (max - min)) * 100 : 0;
  const input = (
    <input
      type="range"
      class={`slider slider--${variant}`}
      min={min}
      max={max}
      step={step}
      value={shown}
      disabled={disabled}
      aria-label={label}
      aria-valuetext={valueText?.(shown)}
      style={{ ...style, '--fill': `${fill}%` }}
      onInput={(event) => setDragging(Number(event.currentTarget.value))}
      onChange={(event) => {
        const next = Number(event.currentTarget.value);
        renderNow(() => {
          setDragging(null);
          onCommit(next);
        });
      }}
    />
  );
  if (caption === undefined) return input;
  return (
    <div class="slider-wrap">
      {input}
      <span class="slider-wrap__caption" aria-hidden="true">
        {dragging === null ? caption : (valueText?.(dragging) ?? caption)}
      </span>
    </div>
  );
}
