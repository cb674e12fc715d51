import type { AreaGroup } from '../store/group-by-area.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { AreaNameContext } from './area-name-context.ts';
import { EntityCard } from './EntityCard.tsx';

export function AreaSection({ group }: { group: AreaGroup<EntitySlot> }) {
  // `area--other` cannot clash with a real area id, which is a slug without double dashes.
  const headingId = group.areaId === null ? 'area--other' : `area-${group.areaId}`;
  return (
    <section class="area" aria-labelledby={headingId} data-area-id={group.areaId ?? ''}>
      <h2 class="area__title" id={headingId}>
        {group.name}
        <span class="area__count">{group.items.length}</span>
      </h2>
      <AreaNameContext.Provider value={group.areaId === null ? null : group.name}>
        <div class="grid">
          {group.items.map((slot) => (
            <EntityCard key={slot.id} slot={slot} />
          ))}
        </div>
      </AreaNameContext.Provider>
    </section>
  );
}
