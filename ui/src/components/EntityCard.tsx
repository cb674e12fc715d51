import type { EntitySlot } from '../store/hub-store.ts';
import { BinarySensorCard } from './BinarySensorCard.tsx';
import { LightCard } from './LightCard.tsx';
import { SensorCard } from './SensorCard.tsx';
import { StateCard } from './StateCard.tsx';
import { SwitchCard } from './SwitchCard.tsx';

/** The card for an entity's domain. */
export function EntityCard({ slot }: { slot: EntitySlot }) {
  switch (slot.domain) {
    case 'light':
      return <LightCard slot={slot} />;
    case 'switch':
      return <SwitchCard slot={slot} />;
    case 'sensor':
      return <SensorCard slot={slot} />;
    case 'binary_sensor':
      return <BinarySensorCard slot={slot} />;
    default:
      return <StateCard slot={slot} />;
  }
}
