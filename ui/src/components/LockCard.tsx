import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { hasFeature, isAvailable, shownView } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { LOCK_FEATURE_OPEN } from '../store/lock-actions.ts';
import { CardFrame } from './CardFrame.tsx';
import { humanize } from './humanize.ts';
import { renderNow } from './render-now.ts';

/** Home Assistant's `LockState` (https://developers.home-assistant.io/docs/core/entity/lock#states). */
const WORDS: Readonly<Record<string, string>> = {
  locked: 'Locked',
  unlocked: 'Unlocked',
  jammed: 'Jammed',
  locking: 'Locking…',
  unlocking: 'Unlocking…',
  open: 'Open',
  opening: 'Opening…',
};

const TONES: Readonly<Record<string, string>> = { jammed: 'danger', unlocked: 'warn', open: 'warn' };

export const lockWord = (state: string): string =>
  state === STATE_UNKNOWN ? 'Unknown' : (WORDS[state] ?? humanize(state));

export function LockCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const confirmed = slot.view.value;
  const view = shownView(confirmed, slot.pending.value);
  const confirming = slot.confirming.value;
  const available = isAvailable(confirmed);
  const state = view.state;
  const secured = state === 'locked' || state === 'locking';
  // A jammed or unknown lock offers both ways out.
  const showLock = !secured;
  const showUnlock = state !== 'unlocked' && state !== 'unlocking' && state !== 'open' && state !== 'opening';
  const canOpen = hasFeature(view, LOCK_FEATURE_OPEN) && state !== 'open' && state !== 'opening';

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && confirming) store.cancelConfirm(slot.id);
  };

  return (
    <CardFrame
      slot={slot}
      kind="lock"
      rows={2}
      icon={secured ? 'lock' : 'lockOpen'}
      active={secured}
      tone={TONES[confirmed.state]}
      status={confirming ? 'Tap again to confirm' : lockWord(state)}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape on either button disarms the confirmation; the buttons themselves are the interactive elements. */}
      <div class="action-row" onKeyDown={onKeyDown}>
        {showLock && (
          <button
            type="button"
            class="action"
            disabled={!available}
            onClick={() => renderNow(() => store.lock(slot.id))}
          >
            Lock
          </button>
        )}
        {showUnlock && (
          <button
            type="button"
            class="action"
            data-confirming={confirming === 'unlock' ? 'true' : undefined}
            disabled={!available}
            onClick={() => renderNow(() => store.unlock(slot.id))}
          >
            {confirming === 'unlock' ? 'Confirm unlock' : 'Unlock'}
          </button>
        )}
        {canOpen && (
          <button
            type="button"
            class="action"
            data-confirming={confirming === 'open' ? 'true' : undefined}
            disabled={!available}
            onClick={() => renderNow(() => store.openLock(slot.id))}
          >
            {confirming === 'open' ? 'Confirm open' : 'Open'}
          </button>
        )}
      </div>
    </CardFrame>
  );
}
