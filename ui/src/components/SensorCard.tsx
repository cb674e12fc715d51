import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { isAvailable, stringAttribute } from '../store/entity-view.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { CardFrame } from './CardFrame.tsx';
import type { IconName } from './Icon.tsx';

const ICONS: Readonly<Record<string, IconName>> = {
  temperature: 'thermometer',
  humidity: 'humidity',
  moisture: 'humidity',
  illuminance: 'sun',
  power: 'bolt',
  energy: 'bolt',
  voltage: 'bolt',
  current: 'bolt',
  battery: 'battery',
};

/** `21.4 °C`: the state as the hub sent it (it owns the precision), then the unit. */
export function sensorReading(state: string, unit: string | null): string {
  if (state === STATE_UNKNOWN || state === '') return '—';
  return unit ? `${state} ${unit}` : state;
}

export function SensorCard({ slot }: { slot: EntitySlot }) {
  const view = slot.view.value;
  const deviceClass = stringAttribute(view, 'device_class') ?? '';
  const reading = isAvailable(view)
    ? sensorReading(view.state, stringAttribute(view, 'unit_of_measurement'))
    : '';
  return (
    <CardFrame
      slot={slot}
      kind="sensor"
      icon={ICONS[deviceClass] ?? 'gauge'}
      active={false}
      status={reading}
      emphasis
    />
  );
}
