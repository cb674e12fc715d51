import type { z } from 'zod';
import type { Context } from '../protocol/entity-state.ts';
import { STATE_UNAVAILABLE } from '../protocol/entity-state.ts';
import type { Clock } from './clock.ts';
import { createContext } from './context.ts';
import { HubError } from './hub-error.ts';
import { parseInput } from './parse-input.ts';
import type { StateMachine } from './state-machine.ts';
import type { ServiceTarget, TargetResolver } from './target-resolver.ts';
import { inDomain } from './target-resolver.ts';

/** A call for one entity, its data already parsed by the service's schema. */
export interface EntityServiceCall<Data> {
  entityId: string;
  data: Data;
  context: Context;
}

export interface ServiceField {
  name: string;
  description: string;
  example?: unknown;
  selector?: Record<string, unknown>;
}

export interface EntityService<S extends z.ZodType = z.ZodType> {
  /**
   * Which entities the service acts on; by default those of its own domain. `homeassistant.*`
   * acts on any entity whose domain has a matching service.
   */
  accepts?: (entityId: string) => boolean;
  name: string;
  description: string;
  fields: Record<string, ServiceField>;
  schema: S;
  /** Resolves when the device has confirmed; rejects with a HubError otherwise. */
  handle(call: EntityServiceCall<z.output<S>>): Promise<void>;
}

export interface ServiceCallRequest {
  domain: string;
  service: string;
  serviceData: Record<string, unknown>;
  target: ServiceTarget;
  userId: string | null;
}

/**
 * The one command path (DESIGN.md §1): the WebSocket API, REST and automations all call `call()`.
 * Every service here targets entities; checks run before any side effect, so a bad call never
 * reaches a device.
 */
/** Times each call that reached its devices (HubMetrics' round-trip histogram). */
export interface RoundTripTimer {
  startCommand(): (outcome: 'confirmed' | 'failed') => void;
}

export class ServiceRegistry {
  private readonly services = new Map<string, Map<string, EntityService>>();

  constructor(
    private readonly states: StateMachine,
    private readonly clock: Clock,
    private readonly targets: TargetResolver,
    private readonly roundTrips?: RoundTripTimer,
  ) {}

  register<S extends z.ZodType>(domain: string, service: string, definition: EntityService<S>): void {
    let forDomain = this.services.get(domain);
    if (!forDomain) {
      forDomain = new Map();
      this.services.set(domain, forDomain);
    }
    forDomain.set(service, definition as unknown as EntityService);
  }

  /** `get_services`, in Home Assistant's shape. */
  describe(): Record<
    string,
    Record<
      string,
      {
        name: string;
        description: string;
        fields: Record<string, ServiceField>;
        target: { entity: { domain: string[] }[] };
      }
    >
  > {
    const out: ReturnType<ServiceRegistry['describe']> = {};
    for (const [domain, services] of this.services) {
      out[domain] = {};
      for (const [name, definition] of services) {
        out[domain][name] = {
          name: definition.name,
          description: definition.description,
          fields: definition.fields,
          target: { entity: [{ domain: [domain] }] },
        };
      }
    }
    return out;
  }

  async call(request: ServiceCallRequest): Promise<Context> {
    const { domain, service } = request;
    const definition = this.services.get(domain)?.get(service);
    if (!definition) throw new HubError('not_found', `Service ${domain}.${service} not found.`);
    const accepts = definition.accepts ?? inDomain(domain);
    const { named, reached } = this.targets.resolve(request.target, accepts);
    if (named.length === 0 && reached.length === 0) {
      const empty = Object.values(request.target).every((ids) => ids === undefined || ids.length === 0);
      if (empty)
        throw new HubError(
          'service_validation_error',
          `${domain}.${service} needs a target: entity_id, device_id or area_id`,
        );
    }
    for (const entityId of named) {
      if (!accepts(entityId))
        throw new HubError('service_validation_error', `${domain}.${service} cannot act on ${entityId}`);
    }
    const entityIds = [...named, ...reached];
    for (const entityId of entityIds) {
      if (this.states.get(entityId)?.state === STATE_UNAVAILABLE) {
        throw new HubError('device_unavailable', `${entityId} is unavailable`);
      }
    }
    // Home Assistant answers bad service data with service_validation_error, naming the field.
    const data = parseInput(
      definition.schema,
      request.serviceData,
      'service_data',
      'service_validation_error',
    );
    const context = createContext(this.clock.now(), request.userId);
    // Timed here, on the one path, so that WebSocket and REST calls alike count; a call refused
    // above never reached a device and is no round trip.
    const answered = this.roundTrips?.startCommand();
    try {
      await Promise.all(entityIds.map((entityId) => definition.handle({ entityId, data, context })));
    } catch (error) {
      answered?.('failed');
      throw error;
    }
    answered?.('confirmed');
    return context;
  }

  /** Calls one entity's service within another call (e.g. `homeassistant.turn_on` → `cover.open_cover`). */
  async callEntity(
    domain: string,
    service: string,
    entityId: string,
    serviceData: unknown,
    context: Context,
  ): Promise<void> {
    const definition = this.services.get(domain)?.get(service);
    if (!definition) throw new HubError('not_found', `Service ${domain}.${service} not found.`);
    const data = parseInput(definition.schema, serviceData, 'service_data', 'service_validation_error');
    await definition.handle({ entityId, data, context });
  }

  has(domain: string, service: string): boolean {
    return this.services.get(domain)?.has(service) ?? false;
  }
}
