import type { z } from 'zod';
import type { Context } from '../protocol/entity-state.ts';
import { domainOf, STATE_UNAVAILABLE } from '../protocol/entity-state.ts';
import type { Clock } from './clock.ts';
import { createContext } from './context.ts';
import { HubError } from './hub-error.ts';
import { parseInput } from './parse-input.ts';
import type { StateMachine } from './state-machine.ts';

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
  entityIds: string[];
  userId: string | null;
}

/**
 * The one command path (DESIGN.md §1): the WebSocket API, REST and automations all call `call()`.
 * Every service here targets entities; checks run before any side effect, so a bad call never
 * reaches a device.
 */
export class ServiceRegistry {
  private readonly services = new Map<string, Map<string, EntityService>>();

  constructor(
    private readonly states: StateMachine,
    private readonly clock: Clock,
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
    if (request.entityIds.length === 0) {
      throw new HubError('invalid_format', `${domain}.${service} needs a target: target.entity_id`);
    }
    for (const entityId of request.entityIds) {
      const state = this.states.get(entityId);
      if (!state) throw new HubError('not_found', `Entity ${entityId} not found.`);
      if (domainOf(entityId) !== domain) {
        throw new HubError('invalid_format', `${domain}.${service} cannot target ${entityId}`);
      }
      if (state.state === STATE_UNAVAILABLE) {
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
    await Promise.all(request.entityIds.map((entityId) => definition.handle({ entityId, data, context })));
    return context;
  }
}
