import type { MutableSlot } from './entity-slot.ts';
import type { Change, PendingCalls, ServiceCall } from './pending-calls.ts';

/** What the per-domain action factories get from the store. */
export interface ActionContext {
  /** The slot, if the entity exists and can take a command now (it is not unavailable). */
  controllable(entityId: string): MutableSlot | undefined;
  readonly calls: PendingCalls;
}

/** `{domain, service, service_data, target}` for this entity, without `service_data` when empty. */
export function serviceCall(slot: MutableSlot, service: string, data?: Record<string, unknown>): ServiceCall {
  const call: ServiceCall = { domain: slot.domain, service, target: { entity_id: slot.id } };
  if (data) call.service_data = data;
  return call;
}

/** The usual action: find the entity, show the change at once, send the call. */
export function runService(
  context: ActionContext,
  entityId: string,
  service: string,
  data: Record<string, unknown> | undefined,
  change: Change,
): void {
  const slot = context.controllable(entityId);
  if (slot) context.calls.run(slot, change, serviceCall(slot, service, data));
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
