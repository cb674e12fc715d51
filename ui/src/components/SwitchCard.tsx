import { STATE_ON, STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { friendlyName, isAvailable, stringAttribute } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import { ToggleSwitch } from './ToggleSwitch.tsx';

export function SwitchCard({ slot }: { slot: EntitySlot }) {
  const store = useHubStore();
  const view = slot.view.value;
  const pending = slot.pending.value;
  const on = (pending?.state ?? view.state) === STATE_ON;

  let status: string;
  if (pending) status = on ? 'Turning on…' : 'Turning off…';
  else if (view.state === STATE_UNKNOWN) status = 'Unknown';
  else status = on ? 'On' : 'Off';

  return (
    <CardFrame
      slot={slot}
      kind="switch"
      icon={stringAttribute(view, 'device_class') === 'outlet' ? 'outlet' : 'power'}
      active={on}
      status={status}
      control={
        <ToggleSwitch
          checked={on}
          pending={pending !== null}
          disabled={!isAvailable(view)}
          label={friendlyName(view)}
          onToggle={() => store.toggle(slot.id)}
        />
      }
    />
  );
}
