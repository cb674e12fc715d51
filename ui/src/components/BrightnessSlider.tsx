import { RangeSlider } from './RangeSlider.tsx';

interface BrightnessSliderProps {
  /** 1–255, Home Assistant's brightness scale. */
  value: number;
  disabled: boolean;
  label: string;
  onCommit: (brightness: number) => void;
}

export const toPercent = (brightness: number): number => Math.max(1, Math.round((brightness / 255) * 100));

/** Brightness on Home Assistant's 1–255 scale, spoken and shown in percent. */
export function BrightnessSlider({ value, disabled, label, onCommit }: BrightnessSliderProps) {
  return (
    <RangeSlider
      value={value}
      min={1}
      max={255}
      disabled={disabled}
      label={`${label} brightness`}
      valueText={(brightness) => `${toPercent(brightness)}%`}
      onCommit={onCommit}
    />
  );
}
