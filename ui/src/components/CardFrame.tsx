import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { friendlyName, isAvailable, nameInArea } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { AreaNameContext } from './area-name-context.ts';
import type { IconName } from './Icon.tsx';
import { Icon } from './Icon.tsx';
import { iconOf } from './mdi-icons.ts';

interface CardFrameProps {
  slot: EntitySlot;
  /** The CSS modifier, `card--<kind>`. */
  kind: string;
  icon: IconName;
  /** On, detected, open: tints the icon. */
  active: boolean;
  /** The line under the name; an unavailable entity always says "Unavailable". */
  status?: string;
  /** Two grid rows high: a card with a control under its head (a dimmable light's slider). */
  tall?: boolean;
  /** Grid rows on a wide screen, for cards with more under their head (a thermostat: 3). */
  rows?: number;
  /** Colours the icon by what the device does: `heat`, `cool`, `danger`, `warn`. */
  tone?: string;
  /** Shows the status as the card's value (a sensor's reading) rather than as a caption. */
  emphasis?: boolean;
  /** Beside the name: the toggle. */
  control?: ComponentChildren;
  /** The whole card opens the details (a sensor, which has no control of its own); else only its name. */
  opensWhole?: boolean;
  children?: ComponentChildren;
}

/**
 * Grid rows for a card with this many controls under its head. A row is 76 px and a gap 12; the
 * head and padding take about 86 px and each control (a slider, a row of buttons) about 62.
 */
export const rowsFor = (controls: number): number => Math.max(1, Math.ceil((86 + 62 * controls) / 88 - 0.15));

/**
 * What every card shares: the test hooks (`data-entity-id`, `data-available`, `data-pending`),
 * the name, availability, and the message of a failed call.
 */
export function CardFrame({
  slot,
  kind,
  icon,
  active,
  status,
  tall,
  rows,
  tone,
  emphasis,
  control,
  opensWhole,
  children,
}: CardFrameProps) {
  const store = useHubStore();
  const view = slot.view.value;
  const pending = slot.pending.value !== null;
  const error = slot.error.value;
  const available = isAvailable(view);
  const nameId = `name-${slot.id}`;
  const fullName = friendlyName(view);
  const areaName = useContext(AreaNameContext);
  const span = rows ?? (tall ? 2 : 1);
  return (
    <article
      class={`card card--${kind}${span > 1 ? ` card--tall card--rows-${span}` : ''}${opensWhole ? ' card--opens' : ''}`}
      data-entity-id={slot.id}
      data-available={available ? 'true' : 'false'}
      data-pending={pending ? 'true' : 'false'}
      data-active={active && available ? 'true' : 'false'}
      data-error={error === null ? undefined : 'true'}
      data-tone={available ? tone : undefined}
      aria-labelledby={nameId}
      aria-busy={pending}
    >
      <div class="card__head">
        <span class="card__icon">
          <Icon name={iconOf(view.attributes.icon) ?? icon} />
        </span>
        <div class="card__text">
          <h3 class="card__name" id={nameId} title={fullName}>
            {/* The name opens the details — history, recent changes, name, area and icon — as in Home Assistant. */}
            <button
              type="button"
              class="card__open"
              aria-haspopup="dialog"
              onClick={() => store.openDetails({ kind: 'entity', entityId: slot.id })}
            >
              {nameInArea(fullName, areaName)}
            </button>
          </h3>
          {error !== null ? (
            // In place of the status, so a failed call does not make the card jump.
            <p class="card__error" role="alert">
              {error}
            </p>
          ) : (
            <p class={emphasis && available ? 'card__status card__status--value' : 'card__status'}>
              {available ? status : 'Unavailable'}
            </p>
          )}
        </div>
        {control}
      </div>
      {children}
    </article>
  );
}
