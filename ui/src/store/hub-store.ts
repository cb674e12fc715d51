import type { ReadonlySignal } from '@preact/signals';
import { batch, computed, signal } from '@preact/signals';
import type { CompressedState, EntitiesEvent } from '../../../hub/protocol/compressed-state.ts';
import { applyEntitiesEvent } from '../../../hub/protocol/compressed-state.ts';
import { STATE_OFF, STATE_ON } from '../../../hub/protocol/entity-state.ts';
import type { MqttStatus } from '../../../hub/protocol/mqtt-status.ts';
import type { SignIn } from '../auth/session.ts';
import type { Command } from '../connection/hub-connection.ts';
import type { ActionContext } from './action-context.ts';
import { runService } from './action-context.ts';
import type { ClimateActions } from './climate-actions.ts';
import { createClimateActions } from './climate-actions.ts';
import type { CoverActions } from './cover-actions.ts';
import { createCoverActions } from './cover-actions.ts';
import type { EntitySlot, MutableSlot } from './entity-slot.ts';
import { friendlyName, isAvailable, toEntityView } from './entity-view.ts';
import type { FanActions } from './fan-actions.ts';
import { createFanActions } from './fan-actions.ts';
import type { AreaGroup } from './group-by-area.ts';
import { groupByArea } from './group-by-area.ts';
import type { HistoryActions } from './history-actions.ts';
import { createHistoryActions } from './history-actions.ts';
import type { LightActions } from './light-actions.ts';
import { createLightActions } from './light-actions.ts';
import type { LockActions } from './lock-actions.ts';
import { createLockActions } from './lock-actions.ts';
import { markWithPaint } from './mark-with-paint.ts';
import type { ServiceCall } from './pending-calls.ts';
import { createPendingCalls } from './pending-calls.ts';
import type { AreaEntry, DeviceEntry, EntityRegistryEntry, Registries } from './registry.ts';
import type { RegistryActions } from './registry-actions.ts';
import { createRegistryActions } from './registry-actions.ts';
import type { SensorHistory } from './sensor-history.ts';
import { createSensorHistory, isChartable } from './sensor-history.ts';
import type { ValueActions } from './value-actions.ts';
import { createValueActions } from './value-actions.ts';

export type { ConfirmStep, EntitySlot, PendingChange } from './entity-slot.ts';
export type { ServiceCall } from './pending-calls.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface AuthState {
  /** `onboarding`: the hub has no user yet, and offers to create its owner. */
  phase: 'onboarding' | 'signed-out' | 'signing-in' | 'signed-in';
  /** Why the login view is showing (a rejected token or code), when the user did not choose it. */
  message: string | null;
}

/** The store's way out; main.tsx wires these to the connection and the session. */
export interface HubEffects {
  /** Resolves when the hub has confirmed the change; rejects with `{code, message}`. */
  callService(call: ServiceCall): Promise<unknown>;
  signIn(input: SignIn): void;
  signOut(): void;
  /** Any other command (history, registry edits); resolves with its result. Absent: every request fails. */
  request?: Command;
}

/** What the details dialog shows: an entity (chart, changes, edit) or an area (rename, delete). */
export type Details = { kind: 'entity'; entityId: string } | { kind: 'area'; areaId: string };

export interface HubStoreOptions {
  /** How long a failed call's message stays on its card, in ms. Default 5000. */
  errorDisplayMs?: number;
  /** Quiet time after the last thermostat − / + press before the setpoint is sent, in ms. Default 600. */
  setpointDebounceMs?: number;
  /** How long "Confirm unlock" waits for its second tap, in ms. Default 4000. */
  confirmWindowMs?: number;
  /**
   * Default `markWithPaint`: `performance.mark`, and `<name>:paint` after the next paint, read by
   * the panel benchmark (`hearth:click:<id>`, `hearth:confirmed:<id>`).
   */
  mark?: (name: string) => void;
}

/** What components call; one group of actions per domain, each in its own file. */
export interface HubActions
  extends LightActions,
    ClimateActions,
    CoverActions,
    LockActions,
    FanActions,
    ValueActions,
    RegistryActions,
    HistoryActions {
  /** `turn_on` / `turn_off` of the entity's own domain (light, switch, fan), from what the card shows. */
  toggle(entityId: string): void;
  signIn(input: SignIn): void;
  signOut(): void;
  openDetails(details: Details): void;
  closeDetails(): void;
}

export interface HubStore extends HubActions {
  readonly status: ReadonlySignal<ConnectionStatus>;
  readonly auth: ReadonlySignal<AuthState>;
  /** A new map only when entities come or go; state changes live in each slot's signals. */
  readonly entities: ReadonlySignal<ReadonlyMap<string, EntitySlot>>;
  /** True once a snapshot has arrived; stays true (showing the last state) while reconnecting. */
  readonly synced: ReadonlySignal<boolean>;
  readonly areas: ReadonlySignal<readonly AreaEntry[]>;
  readonly devices: ReadonlySignal<readonly DeviceEntry[]>;
  readonly entityRegistry: ReadonlySignal<readonly EntityRegistryEntry[]>;
  readonly sections: ReadonlySignal<readonly AreaGroup<EntitySlot>[]>;
  /** The open details dialog, if any. */
  readonly details: ReadonlySignal<Details | null>;
  /** The last 24 hours of each chartable sensor, for the cards' small charts. */
  readonly sensorHistory: Pick<SensorHistory, 'points'>;
  /** The hub's link to its MQTT broker, as the hub last said; null until it has. */
  readonly mqttStatus: ReadonlySignal<MqttStatus | null>;

  // From the hub, called by the connection and the session.
  setStatus(status: ConnectionStatus): void;
  setAuth(auth: AuthState): void;
  /** A `subscribe_entities` snapshot: replaces every entity; those missing from it disappear. */
  replaceEntities(snapshot: Record<string, CompressedState>): void;
  applyEntities(event: EntitiesEvent): void;
  setRegistries(registries: Registries): void;
  setMqttStatus(status: MqttStatus): void;
  /** Forgets everything the hub said, on logout. */
  reset(): void;
}

export function createHubStore(effects: HubEffects, options: HubStoreOptions = {}): HubStore {
  const mark = options.mark ?? markWithPaint;

  const status = signal<ConnectionStatus>('disconnected');
  const auth = signal<AuthState>({ phase: 'signed-out', message: null });
  const entities = signal<ReadonlyMap<string, MutableSlot>>(new Map());
  const synced = signal(false);
  const areas = signal<readonly AreaEntry[]>([]);
  const devices = signal<readonly DeviceEntry[]>([]);
  const entityRegistry = signal<readonly EntityRegistryEntry[]>([]);
  const details = signal<Details | null>(null);
  const request: Command = (message) =>
    effects.request ? effects.request(message) : Promise.reject(new Error('not connected to the hub'));
  const now = () => Date.now();
  const sensorHistory = createSensorHistory({ request, now });
  const mqttStatus = signal<MqttStatus | null>(null);

  // The wire form, kept so `c` diffs apply to exactly what the hub sent.
  const states = new Map<string, CompressedState>();
  const calls = createPendingCalls({
    callService: (call) => effects.callService(call),
    mark,
    errorDisplayMs: options.errorDisplayMs ?? 5000,
  });

  const sections = computed(() =>
    groupByArea(
      entities.value.values(),
      { areas: areas.value, devices: devices.value, entities: entityRegistry.value },
      // peek: sorting by name must not make every state change regroup the whole page; a rename
      // shows up at the next structural change.
      (slot) => friendlyName(slot.view.peek()),
    ),
  );

  /** Brings the slots in line with `states` for these ids; publishes a new map if any came or went. */
  function syncSlots(ids: Iterable<string>): void {
    let next: Map<string, MutableSlot> | null = null;
    const current = entities.peek();
    for (const id of ids) {
      const compressed = states.get(id);
      const slot = (next ?? current).get(id);
      if (compressed && slot) {
        const before = slot.view.peek();
        const view = toEntityView(id, compressed);
        slot.view.value = view;
        if (view.state !== before.state && isChartable(view))
          sensorHistory.record(id, view.state, compressed.lc);
      } else if (compressed) {
        next ??= new Map(current);
        const view = toEntityView(id, compressed);
        next.set(id, {
          id,
          domain: view.domain,
          view: signal(view),
          pending: signal(null),
          error: signal(null),
          confirming: signal(null),
        });
      } else if (slot) {
        next ??= new Map(current);
        next.delete(id);
        calls.forget(id);
      }
    }
    if (next) entities.value = next;
  }

  const context: ActionContext = {
    controllable(entityId) {
      const slot = entities.peek().get(entityId);
      return slot && isAvailable(slot.view.peek()) ? slot : undefined;
    },
    calls,
  };

  return {
    status,
    auth,
    entities,
    synced,
    areas,
    devices,
    entityRegistry,
    sections,
    details,
    sensorHistory,
    mqttStatus,

    setStatus: (next) => {
      status.value = next;
    },
    setMqttStatus: (next) => {
      mqttStatus.value = next;
    },
    setAuth: (next) => {
      auth.value = next;
    },
    replaceEntities: (snapshot) => {
      const before = [...states.keys()];
      states.clear();
      applyEntitiesEvent(states, { a: snapshot });
      batch(() => {
        syncSlots(new Set([...before, ...states.keys()]));
        synced.value = true;
      });
      sensorHistory.load(
        [...entities.peek().values()].filter((slot) => isChartable(slot.view.peek())).map((slot) => slot.id),
      );
    },
    applyEntities: (event) => {
      applyEntitiesEvent(states, event);
      batch(() => {
        if (event.a) syncSlots(Object.keys(event.a));
        if (event.c) syncSlots(Object.keys(event.c));
        if (event.r) syncSlots(event.r);
      });
    },
    setRegistries: (registries) => {
      batch(() => {
        areas.value = registries.areas;
        devices.value = registries.devices;
        entityRegistry.value = registries.entities;
      });
    },
    reset: () => {
      calls.reset();
      states.clear();
      sensorHistory.reset();
      batch(() => {
        details.value = null;
        entities.value = new Map();
        synced.value = false;
        areas.value = [];
        devices.value = [];
        entityRegistry.value = [];
        mqttStatus.value = null;
      });
    },

    toggle: (entityId) => {
      const slot = context.controllable(entityId);
      if (!slot) return;
      const shown = slot.pending.peek()?.state ?? slot.view.peek().state;
      const target = shown === STATE_ON ? STATE_OFF : STATE_ON;
      runService(context, entityId, target === STATE_ON ? 'turn_on' : 'turn_off', undefined, {
        state: target,
      });
    },
    ...createLightActions(context),
    ...createClimateActions(context, { setpointDebounceMs: options.setpointDebounceMs }),
    ...createCoverActions(context),
    ...createLockActions(context, { confirmWindowMs: options.confirmWindowMs }),
    ...createFanActions(context),
    ...createValueActions(context),
    ...createRegistryActions(request),
    ...createHistoryActions(request, now),
    openDetails: (next) => {
      details.value = next;
    },
    closeDetails: () => {
      details.value = null;
    },
    signIn: (input) => effects.signIn(input),
    signOut: () => effects.signOut(),
  };
}
