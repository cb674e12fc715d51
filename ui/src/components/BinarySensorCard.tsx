import { STATE_ON, STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { stringAttribute } from '../store/entity-view.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import type { IconName } from './Icon.tsx';

/** [on, off] words by device class, as Home Assistant's frontend translates them. */
const WORDS: Readonly<Record<string, readonly [string, string]>> = {
  motion: ['Detected', 'Clear'],
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
  heat: ['Hot', 'Normal'],
  cold: ['Cold', 'Normal'],
  light: ['Light', 'No light'],
  moving: ['Moving', 'Stopped'],
  running: ['Running', 'Not running'],
  tamper: ['Tampering', 'Clear'],
  battery_charging: ['Charging', 'Not charging'],
  update: ['Update available', 'Up to date'],
};

/** Icons by `BinarySensorDeviceClass` (https://developers.home-assistant.io/docs/core/entity/binary-sensor). */
const ICONS: Readonly<Record<string, IconName>> = {
  motion: 'motion',
  moving: 'motion',
  occupancy: 'person',
  presence: 'person',
  door: 'door',
  garage_door: 'garage',
  opening: 'door',
  window: 'window',
  moisture: 'water',
  smoke: 'smoke',
  gas: 'smoke',
  carbon_monoxide: 'cloud',
  heat: 'flame',
  cold: 'snowflake',
  battery: 'battery',
  battery_charging: 'battery',
  power: 'bolt',
  plug: 'outlet',
  light: 'sun',
  lock: 'lockOpen',
  connectivity: 'signal',
  problem: 'alert',
  safety: 'alert',
  tamper: 'alert',
  sound: 'sound',
  vibration: 'vibration',
  running: 'fan',
};

export function binarySensorWord(deviceClass: string, state: string): string {
  if (state === STATE_UNKNOWN) return 'Unknown';
  const [on, off] = WORDS[deviceClass] ?? ['On', 'Off'];
  return state === STATE_ON ? on : off;
}

/** Classes whose `on` is a warning, tinted red rather than blue. */
const ALARMS = new Set([
  'smoke',
  'gas',
  'carbon_monoxide',
  'moisture',
  'problem',
  'safety',
  'tamper',
  'heat',
  'cold',
]);

export function BinarySensorCard({ slot }: { slot: EntitySlot }) {
  const view = slot.view.value;
  const deviceClass = stringAttribute(view, 'device_class') ?? '';
  return (
    <CardFrame
      slot={slot}
      kind="binary"
      tone={view.state === STATE_ON && ALARMS.has(deviceClass) ? 'danger' : undefined}
      icon={ICONS[deviceClass] ?? 'dot'}
      active={view.state === STATE_ON}
      status={binarySensorWord(deviceClass, view.state)}
    />
  );
}
