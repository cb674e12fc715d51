import { z } from 'zod';
import type { ServiceField, ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { AttributeChecks } from './attribute-checks.ts';
import type { EntityControllers } from './entity-controllers.ts';

/** Home Assistant's `CoverEntityFeature` (homeassistant/components/cover/__init__.py). */
export const CoverFeature = {
  OPEN: 1,
  CLOSE: 2,
  SET_POSITION: 4,
  STOP: 8,
  OPEN_TILT: 16,
  CLOSE_TILT: 32,
  STOP_TILT: 64,
  SET_TILT_POSITION: 128,
} as const;

/**
 * What a cover integration implements (https://developers.home-assistant.io/docs/core/entity/cover).
 * Positions are Home Assistant's 0 (closed) ..100 (open). Each method resolves once the device has
 * confirmed. `toggle` and `toggleTilt` belong to the entity because they depend on what it
 * remembers (the direction it last moved in).
 */
export interface CoverController {
  openCover(context: Context): Promise<void>;
  closeCover(context: Context): Promise<void>;
  stopCover(context: Context): Promise<void>;
  toggle(context: Context): Promise<void>;
  setCoverPosition(position: number, context: Context): Promise<void>;
  openCoverTilt(context: Context): Promise<void>;
  closeCoverTilt(context: Context): Promise<void>;
  stopCoverTilt(context: Context): Promise<void>;
  setCoverTiltPosition(tiltPosition: number, context: Context): Promise<void>;
  toggleTilt(context: Context): Promise<void>;
}

/**
 * Home Assistant's `vol.Coerce(int)` for service fields: `int(50.7)` is 50 and `int("50")` is 50;
 * anything else is left for the schema to refuse.
 */
function coercePythonInt(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return value;
}

// `vol.All(vol.Coerce(int), vol.Range(min=0, max=100))`, as cover/__init__.py declares both fields.
const percent = z.preprocess(
  coercePythonInt,
  z.number('must be a number').int('must be an integer').min(0, 'must be 0..100').max(100, 'must be 0..100'),
);
const noData = z.strictObject({});
const positionData = z.strictObject({ position: percent });
const tiltData = z.strictObject({ tilt_position: percent });

const percentSelector = { number: { min: 0, max: 100, unit_of_measurement: '%' } };

type Call = (controller: CoverController, data: Record<string, number>, context: Context) => Promise<void>;

/** Each service, its required features, and what it asks of the controller. */
const SERVICES: readonly {
  service: string;
  name: string;
  description: string;
  features: number;
  schema: z.ZodType<Record<string, number>>;
  call: Call;
}[] = [
  {
    service: 'open_cover',
    name: 'Open',
    description: 'Opens a cover.',
    features: CoverFeature.OPEN,
    schema: noData,
    call: (c, _d, ctx) => c.openCover(ctx),
  },
  {
    service: 'close_cover',
    name: 'Close',
    description: 'Closes a cover.',
    features: CoverFeature.CLOSE,
    schema: noData,
    call: (c, _d, ctx) => c.closeCover(ctx),
  },
  {
    service: 'set_cover_position',
    name: 'Set position',
    description: 'Moves a cover to a specific position.',
    features: CoverFeature.SET_POSITION,
    schema: positionData,
    call: (c, d, ctx) => c.setCoverPosition(d.position ?? 0, ctx),
  },
  {
    service: 'stop_cover',
    name: 'Stop',
    description: 'Stops the cover movement.',
    features: CoverFeature.STOP,
    schema: noData,
    call: (c, _d, ctx) => c.stopCover(ctx),
  },
  {
    service: 'toggle',
    name: 'Toggle',
    description: 'Toggles a cover open/closed.',
    features: CoverFeature.OPEN | CoverFeature.CLOSE,
    schema: noData,
    call: (c, _d, ctx) => c.toggle(ctx),
  },
  {
    service: 'open_cover_tilt',
    name: 'Open tilt',
    description: 'Tilts a cover open.',
    features: CoverFeature.OPEN_TILT,
    schema: noData,
    call: (c, _d, ctx) => c.openCoverTilt(ctx),
  },
  {
    service: 'close_cover_tilt',
    name: 'Close tilt',
    description: 'Tilts a cover to close.',
    features: CoverFeature.CLOSE_TILT,
    schema: noData,
    call: (c, _d, ctx) => c.closeCoverTilt(ctx),
  },
  {
    service: 'stop_cover_tilt',
    name: 'Stop tilt',
    description: 'Stops a tilting cover movement.',
    features: CoverFeature.STOP_TILT,
    schema: noData,
    call: (c, _d, ctx) => c.stopCoverTilt(ctx),
  },
  {
    service: 'set_cover_tilt_position',
    name: 'Set tilt position',
    description: 'Moves a cover tilt to a specific position.',
    features: CoverFeature.SET_TILT_POSITION,
    schema: tiltData,
    call: (c, d, ctx) => c.setCoverTiltPosition(d.tilt_position ?? 0, ctx),
  },
  {
    service: 'toggle_cover_tilt',
    name: 'Toggle tilt',
    description: 'Toggles a cover tilt open/closed.',
    features: CoverFeature.OPEN_TILT | CoverFeature.CLOSE_TILT,
    schema: noData,
    call: (c, _d, ctx) => c.toggleTilt(ctx),
  },
];

const FIELDS: Readonly<Record<string, Record<string, ServiceField>>> = {
  set_cover_position: {
    position: { name: 'Position', description: 'Target position, 0..100.', selector: percentSelector },
  },
  set_cover_tilt_position: {
    tilt_position: {
      name: 'Tilt position',
      description: 'Target tilt position, 0..100.',
      selector: percentSelector,
    },
  },
};

/** The cover services (https://www.home-assistant.io/integrations/cover/#actions). */
export function registerCoverServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  for (const { service, name, description, features, schema, call } of SERVICES) {
    services.register('cover', service, {
      name,
      description,
      fields: FIELDS[service] ?? {},
      schema,
      handle: ({ entityId, data, context }) => {
        new AttributeChecks('cover', entityId, states.get(entityId)?.attributes ?? {}).allFeatures(
          features,
          service,
        );
        return call(controllers.require<CoverController>('cover', entityId), data, context);
      },
    });
  }
}
