import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import { domainOf } from '../protocol/entity-state.ts';

/**
 * What `homeassistant.<service>` calls in each domain: the domain's service of the same name,
 * except covers, which open and close (Home Assistant's generic turn on/off, `homeassistant/__init__.py`).
 */
const DOMAIN_SERVICE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  cover: { turn_on: 'open_cover', turn_off: 'close_cover', toggle: 'toggle' },
};

const serviceIn = (domain: string, service: string): string => DOMAIN_SERVICE[domain]?.[service] ?? service;

/** `homeassistant.turn_on`, `turn_off`, `toggle`: for any entity whose domain can do it. */
export function registerHomeAssistantServices(services: ServiceRegistry): void {
  for (const [service, name] of [
    ['turn_on', 'Generic turn on'],
    ['turn_off', 'Generic turn off'],
    ['toggle', 'Generic toggle'],
  ] as const) {
    services.register('homeassistant', service, {
      name,
      description: `Calls ${service} (or the domain's equivalent) on each target, whatever its domain.`,
      fields: {},
      schema: z.strictObject({}),
      accepts: (entityId) => {
        const domain = domainOf(entityId);
        return domain !== 'homeassistant' && services.has(domain, serviceIn(domain, service));
      },
      handle: ({ entityId, context }) => {
        const domain = domainOf(entityId);
        return services.callEntity(domain, serviceIn(domain, service), entityId, {}, context);
      },
    });
  }
}
