import { useState } from 'preact/hooks';
import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import type { EntityView } from '../store/entity-view.ts';
import { isAvailable, numberAttribute, shownView, stringAttribute } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import { formatNumber, parseNumber } from './format-number.ts';
import { RangeSlider } from './RangeSlider.tsx';
import { renderNow } from './render-now.ts';

/** Home Assistant's number defaults (https://developers.home-assistant.io/docs/core/entity/number). */
const DEFAULT_MIN = 0;
const DEFAULT_MAX = 100;
const DEFAULT_STEP = 1;

export interface NumberRange {
  min: number;
  max: number;
  step: number;
}

export function numberRange(view: EntityView): NumberRange {
  const min = numberAttribute(view, 'min') ?? DEFAULT_MIN;
  const max = numberAttribute(view, 'max') ?? DEFAULT_MAX;
  const step = numberAttribute(view, 'step') ?? DEFAULT_STEP;
  return max > min
    ? { min, max, step: step > 0 ? step : DEFAULT_STEP }
    : { min, max: min + 1, step: DEFAULT_STEP };
}

/** `mode: auto` is a slider unless it would have more than 256 stops, as in Home Assistant's frontend. */
export function usesBox(view: EntityView): boolean {
  const mode = stringAttribute(view, 'mode');
  if (mode === 'box') return true;
  if (mode === 'slider') return false;
  const { min, max, step } = numberRange(view);
  return (max - min) / step > 256;
}

/** Snaps a typed value into the range, on the step, without binary noise. */
export function snapNumber(value: number, { min, max, step }: NumberRange): number {
  const decimals = (String(step).split('.')[1] ?? '').length;
  const snapped = min + Math.round((value - min) / step) * step;
  return Number(Math.min(max, Math.max(min, snapped)).toFixed(decimals));
}

const decimalsOf = (step: number): number => (String(step).split('.')[1] ?? '').length;

export function NumberCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const [draft, setDraft] = useState<string | null>(null);
  const pending = slot.pending.value;
  const confirmed = slot.view.value;
  const view = shownView(confirmed, pending);
  const available = isAvailable(confirmed);
  const range = numberRange(view);
  const value = parseNumber(view.state);
  const unit = stringAttribute(view, 'unit_of_measurement');
  const box = usesBox(view);
  const format = (number: number): string => {
    const text = formatNumber(number, decimalsOf(range.step));
    return unit ? `${text} ${unit}` : text;
  };

  let status: string;
  if (view.state === STATE_UNKNOWN || value === null) status = 'Unknown';
  else status = pending ? `Setting ${format(value)}…` : format(value);

  const commit = (next: number) => {
    const snapped = snapNumber(next, range);
    if (snapped !== value) store.setNumber(slot.id, snapped);
  };

  return (
    <CardFrame
      slot={slot}
      kind="number"
      rows={box ? 1 : 2}
      icon="sliders"
      active={false}
      status={status}
      emphasis
      control={
        box ? (
          <input
            type="number"
            class="number-box"
            inputMode="decimal"
            aria-label="Value"
            min={range.min}
            max={range.max}
            step={range.step}
            value={draft ?? (value === null ? '' : String(value))}
            disabled={!available}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onChange={(event) => {
              const typed = parseNumber(event.currentTarget.value);
              renderNow(() => {
                setDraft(null);
                if (typed !== null) commit(typed);
              });
            }}
          />
        ) : undefined
      }
    >
      {!box && (
        <RangeSlider
          label="Value"
          min={range.min}
          max={range.max}
          step={range.step}
          value={value ?? range.min}
          disabled={!available}
          valueText={format}
          onCommit={commit}
        />
      )}
    </CardFrame>
  );
}
