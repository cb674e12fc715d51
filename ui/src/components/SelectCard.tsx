import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { isAvailable, shownView, stringListAttribute } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import { SelectField } from './SelectField.tsx';

export function SelectCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const pending = slot.pending.value;
  const confirmed = slot.view.value;
  const view = shownView(confirmed, pending);
  const available = isAvailable(confirmed);
  const known = available && view.state !== STATE_UNKNOWN;
  return (
    <CardFrame
      slot={slot}
      kind="select"
      rows={2}
      icon="list"
      active={false}
      status={pending ? `Changing to ${view.state}…` : known ? view.state : 'Unknown'}
    >
      <SelectField
        label="Option"
        hideLabel
        value={known ? view.state : null}
        options={stringListAttribute(view, 'options')}
        disabled={!available}
        onSelect={(option) => store.selectOption(slot.id, option)}
      />
    </CardFrame>
  );
}
