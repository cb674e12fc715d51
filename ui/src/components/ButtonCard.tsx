import { isAvailable } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import { relativeTime } from './relative-time.ts';
import { renderNow } from './render-now.ts';
import { useNow } from './use-now.ts';

/** A button's state is the time of its last press (`unknown` until the first). */
export function buttonStatus(state: string, now: number): string {
  const ago = relativeTime(state, now);
  return ago === null ? 'Never pressed' : `Pressed ${ago}`;
}

export function ButtonCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const now = useNow();
  const view = slot.view.value;
  const pending = slot.pending.value;
  return (
    <CardFrame
      slot={slot}
      kind="button"
      icon="hand"
      active={false}
      rows={2}
      status={pending ? 'Pressing…' : buttonStatus(view.state, now)}
    >
      <div class="action-row">
        <button
          type="button"
          class="action"
          disabled={!isAvailable(view)}
          data-pending={pending ? 'true' : 'false'}
          onClick={() => renderNow(() => store.press(slot.id))}
        >
          Press
        </button>
      </div>
    </CardFrame>
  );
}
