import type { EntitySlot } from '../store/hub-store.ts';
import { BinarySensorCard } from './BinarySensorCard.tsx';
import { ButtonCard } from './ButtonCard.tsx';
import { ClimateCard } from './ClimateCard.tsx';
import { CoverCard } from './CoverCard.tsx';
import { FanCard } from './FanCard.tsx';
import { LightCard } from './LightCard.tsx';
import { LockCard } from './LockCard.tsx';
import { NumberCard } from './NumberCard.tsx';
import { SelectCard } from './SelectCard.tsx';
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
    case 'climate':
      return <ClimateCard slot={slot} />;
    case 'cover':
      return <CoverCard slot={slot} />;
    case 'lock':
      return <LockCard slot={slot} />;
    case 'fan':
      return <FanCard slot={slot} />;
    case 'number':
      return <NumberCard slot={slot} />;
    case 'select':
      return <SelectCard slot={slot} />;
    case 'button':
      return <ButtonCard slot={slot} />;
    case 'sensor':
      return <SensorCard slot={slot} />;
    case 'binary_sensor':
      return <BinarySensorCard slot={slot} />;
    default:
      return <StateCard slot={slot} />;
  }
}
