import { STATE_ON, STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { stringAttribute } from '../store/entity-view.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import type { IconName } from './Icon.tsx';

/** [on, off] words by device class, as Home Assistant's frontend translates them. */
const WORDS: Readonly<Record<string, readonly [string, string]>> = {
  motion: ['Motion', 'Clear'],
  occupancy: ['Detected', 'Clear'],
  presence: ['Home', 'Away'],
  door: ['Open', 'Closed'],
  garage_door: ['Open', 'Closed'],
  opening: ['Open', 'Closed'],
  window: ['Open', 'Closed'],
  moisture: ['Wet', 'Dry'],
  smoke: ['Smoke', 'Clear'],
  gas: ['Gas', 'Clear'],
  carbon_monoxide: ['Detected', 'Clear'],
  problem: ['Problem', 'OK'],
  safety: ['Unsafe', 'Safe'],
  battery: ['Low', 'Normal'],
  connectivity: ['Connected', 'Disconnected'],
  lock: ['Unlocked', 'Locked'],
  plug: ['Plugged in', 'Unplugged'],
  power: ['Power', 'No power'],
  vibration: ['Vibration', 'Clear'],
  sound: ['Sound', 'Clear'],
};

const ICONS: Readonly<Record<string, IconName>> = {
  motion: 'motion',
  occupancy: 'motion',
  presence: 'motion',
  door: 'door',
  garage_door: 'door',
  opening: 'door',
  window: 'window',
  moisture: 'water',
  smoke: 'smoke',
  gas: 'smoke',
  battery: 'battery',
  power: 'bolt',
  plug: 'outlet',
};

export function binarySensorWord(deviceClass: string, state: string): string {
  if (state === STATE_UNKNOWN) return 'Unknown';
  const [on, off] = WORDS[deviceClass] ?? ['On', 'Off'];
  return state === STATE_ON ? on : off;
}

export function BinarySensorCard({ slot }: { slot: EntitySlot }) {
  const view = slot.view.value;
  const deviceClass = stringAttribute(view, 'device_class') ?? '';
  return (
    <CardFrame
      slot={slot}
      kind="binary"
      icon={ICONS[deviceClass] ?? 'dot'}
      active={view.state === STATE_ON}
      status={binarySensorWord(deviceClass, view.state)}
    />
  );
}
