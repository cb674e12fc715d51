import { friendlyName, stringAttribute } from '../../store/entity-view.ts';
import { useHubStore } from '../../store/hub-context.ts';
import { isChartable } from '../../store/sensor-history.ts';
import { DialogHeader } from './DialogHeader.tsx';
import { EntityEditForm } from './EntityEditForm.tsx';
import { HistoryChart } from './HistoryChart.tsx';
import { RecentChanges } from './RecentChanges.tsx';

/** An entity's details: its chart (a measuring sensor), its recent changes, and its name, area and icon to edit. */
export function EntityDetails({ entityId }: { entityId: string }) {
  const store = useHubStore();
  const slot = store.entities.value.get(entityId);
  if (!slot) {
    return (
      <>
        <DialogHeader title={entityId} />
        <p class="dialog__empty">This entity is gone.</p>
      </>
    );
  }
  const view = slot.view.value;
  const entry = store.entityRegistry.value.find((e) => e.entity_id === entityId);
  const device = entry?.device_id ? store.devices.value.find((d) => d.id === entry.device_id) : undefined;
  const areaId = entry?.area_id ?? device?.area_id ?? null;
  const area = store.areas.value.find((a) => a.area_id === areaId);
  const unit = stringAttribute(view, 'unit_of_measurement');
  return (
    <>
      <DialogHeader title={friendlyName(view)} subtitle={area?.name} />
      <div class="dialog__body">
        {isChartable(view) && <HistoryChart entityId={entityId} unit={unit} />}
        <RecentChanges entityId={entityId} unit={unit} lastChanged={view.state} />
        {entry && <EntityEditForm entry={entry} device={device ?? null} shownName={friendlyName(view)} />}
      </div>
    </>
  );
}
