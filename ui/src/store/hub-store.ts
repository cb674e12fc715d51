import type { ReadonlySignal, Signal } from '@preact/signals';
import { batch, computed, signal } from '@preact/signals';
import type { CompressedState, EntitiesEvent } from '../../../hub/protocol/compressed-state.ts';
import { applyEntitiesEvent } from '../../../hub/protocol/compressed-state.ts';
import { STATE_OFF, STATE_ON } from '../../../hub/protocol/entity-state.ts';
import { callErrorMessage } from './call-error-message.ts';
import type { EntityView } from './entity-view.ts';
import { friendlyName, isAvailable, toEntityView } from './entity-view.ts';
import type { AreaGroup } from './group-by-area.ts';
import { groupByArea } from './group-by-area.ts';
import type { AreaEntry, DeviceEntry, EntityRegistryEntry, Registries } from './registry.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface AuthState {
  phase: 'signed-out' | 'signing-in' | 'signed-in';
  /** Why the login view is showing (a rejected token or code), when the user did not choose it. */
  message: string | null;
}

/** What a card shows until the hub confirms a call: the target state, marked as pending. */
export interface PendingChange {
  /** Only the latest call for an entity may settle its card; earlier answers are ignored. */
  callId: number;
  state: string;
  brightness?: number;
}

/** One entity, as separate signals, so a change re-renders its own card and nothing else. */
export interface EntitySlot {
  readonly id: string;
  readonly domain: string;
  readonly view: ReadonlySignal<EntityView>;
  readonly pending: ReadonlySignal<PendingChange | null>;
  readonly error: ReadonlySignal<string | null>;
}

export interface ServiceCall {
  domain: string;
  service: string;
  service_data?: Record<string, unknown>;
  target: { entity_id: string };
}

/** The store's way out; main.tsx wires these to the connection and the session. */
export interface HubEffects {
  /** Resolves when the hub has confirmed the change; rejects with `{code, message}`. */
  callService(call: ServiceCall): Promise<unknown>;
  signIn(input: string): void;
  signOut(): void;
}

export interface HubStoreOptions {
  /** How long a failed call's message stays on its card, in ms. Default 5000. */
  errorDisplayMs?: number;
  /** `performance.mark`, read by the panel benchmark (`hearth:click:<id>`, `hearth:confirmed:<id>`). */
  mark?: (name: string) => void;
}

export interface HubStore {
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

  // From the hub, called by the connection and the session.
  setStatus(status: ConnectionStatus): void;
  setAuth(auth: AuthState): void;
  /** A `subscribe_entities` snapshot: replaces every entity; those missing from it disappear. */
  replaceEntities(snapshot: Record<string, CompressedState>): void;
  applyEntities(event: EntitiesEvent): void;
  setRegistries(registries: Registries): void;
  /** Forgets everything the hub said, on logout. */
  reset(): void;

  // From the user, called by components.
  toggle(entityId: string): void;
  setBrightness(entityId: string, brightness: number): void;
  signIn(input: string): void;
  signOut(): void;
}

interface MutableSlot extends EntitySlot {
  readonly view: Signal<EntityView>;
  readonly pending: Signal<PendingChange | null>;
  readonly error: Signal<string | null>;
}

export function createHubStore(effects: HubEffects, options: HubStoreOptions = {}): HubStore {
  const errorDisplayMs = options.errorDisplayMs ?? 5000;
  const mark = options.mark ?? ((name: string) => performance.mark(name));

  const status = signal<ConnectionStatus>('disconnected');
  const auth = signal<AuthState>({ phase: 'signed-out', message: null });
  const entities = signal<ReadonlyMap<string, MutableSlot>>(new Map());
  const synced = signal(false);
  const areas = signal<readonly AreaEntry[]>([]);
  const devices = signal<readonly DeviceEntry[]>([]);
  const entityRegistry = signal<readonly EntityRegistryEntry[]>([]);

  // The wire form, kept so `c` diffs apply to exactly what the hub sent.
  const states = new Map<string, CompressedState>();
  const errorTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let callSeq = 0;

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
        slot.view.value = toEntityView(id, compressed);
      } else if (compressed) {
        next ??= new Map(current);
        const view = toEntityView(id, compressed);
        next.set(id, {
          id,
          domain: view.domain,
          view: signal(view),
          pending: signal(null),
          error: signal(null),
        });
      } else if (slot) {
        next ??= new Map(current);
        next.delete(id);
        clearErrorTimer(id);
      }
    }
    if (next) entities.value = next;
  }

  function clearErrorTimer(id: string): void {
    const timer = errorTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    errorTimers.delete(id);
  }

  function showError(slot: MutableSlot, message: string): void {
    clearErrorTimer(slot.id);
    slot.error.value = message;
    errorTimers.set(
      slot.id,
      setTimeout(() => {
        errorTimers.delete(slot.id);
        slot.error.value = null;
      }, errorDisplayMs),
    );
  }

  /**
   * Shows the target at once, in the caller's event handler, then lets the hub's answer settle it.
   * On success the confirmed state has already arrived: hearth fans the state event out before it
   * answers the call, on the same socket, so clearing `pending` never flashes the old state.
   */
  function run(slot: MutableSlot, change: Omit<PendingChange, 'callId'>, call: ServiceCall): void {
    const callId = ++callSeq;
    clearErrorTimer(slot.id);
    batch(() => {
      slot.pending.value = { callId, ...change };
      slot.error.value = null;
    });
    effects.callService(call).then(
      () => {
        if (slot.pending.peek()?.callId !== callId) return;
        slot.pending.value = null;
        mark(`hearth:confirmed:${slot.id}`);
      },
      (error: unknown) => {
        if (slot.pending.peek()?.callId !== callId) return;
        batch(() => {
          slot.pending.value = null;
          showError(slot, callErrorMessage(error));
        });
      },
    );
  }

  /** The slot, if the entity exists and can take a command now. */
  function controllable(entityId: string): MutableSlot | undefined {
    const slot = entities.peek().get(entityId);
    return slot && isAvailable(slot.view.peek()) ? slot : undefined;
  }

  return {
    status,
    auth,
    entities,
    synced,
    areas,
    devices,
    entityRegistry,
    sections,

    setStatus: (next) => {
      status.value = next;
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
      for (const timer of errorTimers.values()) clearTimeout(timer);
      errorTimers.clear();
      states.clear();
      batch(() => {
        entities.value = new Map();
        synced.value = false;
        areas.value = [];
        devices.value = [];
        entityRegistry.value = [];
      });
    },

    toggle: (entityId) => {
      const slot = controllable(entityId);
      if (!slot) return;
      mark(`hearth:click:${entityId}`);
      const shown = slot.pending.peek()?.state ?? slot.view.peek().state;
      const target = shown === STATE_ON ? STATE_OFF : STATE_ON;
      run(
        slot,
        { state: target },
        {
          domain: slot.domain,
          service: target === STATE_ON ? 'turn_on' : 'turn_off',
          target: { entity_id: entityId },
        },
      );
    },
    setBrightness: (entityId, value) => {
      const slot = controllable(entityId);
      if (!slot) return;
      mark(`hearth:click:${entityId}`);
      // Home Assistant: brightness 0 turns a light off, so the slider's floor is 1.
      const brightness = Math.min(255, Math.max(1, Math.round(value)));
      run(
        slot,
        { state: STATE_ON, brightness },
        {
          domain: slot.domain,
          service: 'turn_on',
          service_data: { brightness },
          target: { entity_id: entityId },
        },
      );
    },
    signIn: (input) => effects.signIn(input),
    signOut: () => effects.signOut(),
  };
}
