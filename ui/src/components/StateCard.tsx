import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { stringAttribute } from '../store/entity-view.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';

/** Read-only card for the domains the panel has no controls for (vacuum, media player, …). */
export function StateCard({ slot }: { slot: EntitySlot }) {
  const view = slot.view.value;
  const unit = stringAttribute(view, 'unit_of_measurement');
  const state = view.state === STATE_UNKNOWN ? 'Unknown' : view.state.replaceAll('_', ' ');
  return (
    <CardFrame
      slot={slot}
      kind="state"
      icon="dot"
      active={false}
      status={unit ? `${state} ${unit}` : state}
    />
  );
}
