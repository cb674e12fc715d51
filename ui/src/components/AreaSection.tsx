import type { AreaGroup } from '../store/group-by-area.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { AreaNameContext } from './area-name-context.ts';
import { EntityCard } from './EntityCard.tsx';
import { Icon } from './Icon.tsx';

export function AreaSection({ group }: { group: AreaGroup<EntitySlot> }) {
  const store = useHubStore();
  const { areaId } = group;
  // `area--other` cannot clash with a real area id, which is a slug without double dashes.
  const headingId = areaId === null ? 'area--other' : `area-${areaId}`;
  return (
    <section class="area" aria-labelledby={headingId} data-area-id={areaId ?? ''}>
      <h2 class="area__title" id={headingId}>
        {group.name}
        <span class="area__count">{group.items.length}</span>
        {areaId !== null && (
          <button
            type="button"
            class="icon-button icon-button--quiet area__edit"
            aria-label={`Edit area ${group.name}`}
            aria-haspopup="dialog"
            onClick={() => store.openDetails({ kind: 'area', areaId })}
          >
            <Icon name="pencil" />
          </button>
        )}
      </h2>
      <AreaNameContext.Provider value={areaId === null ? null : group.name}>
        <div class="grid">
          {group.items.map((slot) => (
            <EntityCard key={slot.id} slot={slot} />
          ))}
        </div>
      </AreaNameContext.Provider>
    </section>
  );
}
