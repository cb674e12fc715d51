import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import type { CoverMove } from '../store/cover-actions.ts';
import { CoverFeature } from '../store/cover-actions.ts';
import type { EntityView } from '../store/entity-view.ts';
import {
  isAvailable,
  numberAttribute,
  shownView,
  stringAttribute,
  supportedFeatures,
} from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot, PendingChange } from '../store/hub-store.ts';
import { CardFrame, rowsFor } from './CardFrame.tsx';
import { humanize } from './humanize.ts';
import type { IconName } from './Icon.tsx';
import { Icon } from './Icon.tsx';
import { RangeSlider } from './RangeSlider.tsx';
import { renderNow } from './render-now.ts';

const WORDS: Readonly<Record<string, string>> = {
  open: 'Open',
  opening: 'Opening…',
  closed: 'Closed',
  closing: 'Closing…',
  stopped: 'Stopped',
};

const ICONS: Readonly<Record<string, IconName>> = {
  garage: 'garage',
  gate: 'garage',
  door: 'door',
  window: 'window',
};

/**
 * The entity's features, or what Home Assistant's `CoverEntity.supported_features` derives when
 * it does not say: open, close and stop, and set-position when it reports a position.
 */
export function coverFeatures(view: EntityView): number {
  const features = supportedFeatures(view);
  if (features !== null) return features;
  const base = CoverFeature.OPEN | CoverFeature.CLOSE | CoverFeature.STOP;
  const position = numberAttribute(view, 'current_position') !== null ? CoverFeature.SET_POSITION : 0;
  const tilt = numberAttribute(view, 'current_tilt_position') !== null ? CoverFeature.SET_TILT_POSITION : 0;
  return base | position | tilt;
}

function status(view: EntityView, pending: PendingChange | null): string {
  const position = numberAttribute(view, 'current_position');
  if (pending?.service === 'stop_cover') return 'Stopping…';
  if (pending?.service === 'set_cover_position' && position !== null) return `Moving to ${position}%…`;
  if (pending?.service === 'set_cover_tilt_position') return 'Tilting…';
  if (view.state === STATE_UNKNOWN) return 'Unknown';
  const word = WORDS[view.state] ?? humanize(view.state);
  // "Open · 60%": a half-open blind is open to Home Assistant; the number says how far.
  return position !== null && (view.state === 'open' || view.state === 'stopped') && position < 100
    ? `${word} · ${position}%`
    : word;
}

const BUTTONS: readonly { move: CoverMove; label: string; icon: IconName; feature: number }[] = [
  { move: 'open', label: 'Open', icon: 'arrowUp', feature: CoverFeature.OPEN },
  { move: 'stop', label: 'Stop', icon: 'stop', feature: CoverFeature.STOP },
  { move: 'close', label: 'Close', icon: 'arrowDown', feature: CoverFeature.CLOSE },
];

export function CoverCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const pending = slot.pending.value;
  const confirmed = slot.view.value;
  const view = shownView(confirmed, pending);
  const available = isAvailable(confirmed);
  const features = coverFeatures(view);
  const position = numberAttribute(view, 'current_position');
  const tilt = numberAttribute(view, 'current_tilt_position');
  const canPosition = (features & CoverFeature.SET_POSITION) !== 0;
  const canTilt = (features & CoverFeature.SET_TILT_POSITION) !== 0;
  const fullyOpen = position !== null ? position >= 100 : view.state === 'open';
  const fullyClosed = position !== null ? position <= 0 : view.state === 'closed';
  const moving = view.state === 'opening' || view.state === 'closing';
  const deviceClass = stringAttribute(view, 'device_class') ?? '';

  const blocked: Readonly<Record<CoverMove, boolean>> = {
    // As Home Assistant's cover card: no opening what is already fully open, unless it is moving.
    open: fullyOpen && !moving,
    close: fullyClosed && !moving,
    stop: false,
  };

  return (
    <CardFrame
      slot={slot}
      kind="cover"
      rows={rowsFor(1 + (canPosition ? 1 : 0) + (canTilt ? 1 : 0))}
      icon={ICONS[deviceClass] ?? 'blinds'}
      active={view.state !== 'closed' && view.state !== STATE_UNKNOWN}
      status={status(view, pending)}
    >
      <div class="action-row">
        {BUTTONS.filter((button) => (features & button.feature) !== 0).map((button) => (
          <button
            key={button.move}
            type="button"
            class="action action--icon"
            disabled={!available || blocked[button.move]}
            onClick={() => renderNow(() => store.moveCover(slot.id, button.move))}
          >
            <Icon name={button.icon} />
            {button.label}
          </button>
        ))}
      </div>
      {canPosition && (
        <RangeSlider
          label="Position"
          min={0}
          max={100}
          value={position ?? (view.state === 'open' ? 100 : 0)}
          caption={position === null ? 'Position' : `Position · ${position}%`}
          disabled={!available}
          valueText={(value) => `${Math.round(value)}% open`}
          onCommit={(value) => store.setCoverPosition(slot.id, value)}
        />
      )}
      {canTilt && (
        <RangeSlider
          label="Tilt"
          min={0}
          max={100}
          value={tilt ?? 0}
          caption={tilt === null ? 'Tilt' : `Tilt · ${tilt}%`}
          disabled={!available}
          valueText={(value) => `${Math.round(value)}% tilt`}
          onCommit={(value) => store.setCoverTilt(slot.id, value)}
        />
      )}
    </CardFrame>
  );
}
