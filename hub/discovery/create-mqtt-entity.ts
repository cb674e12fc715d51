import type { z } from 'zod';
import type { Attributes } from '../protocol/entity-state.ts';
import { lightCapabilities, supportedColorModes } from './components/light-model.ts';
import { MqttBinarySensor } from './components/mqtt-binary-sensor.ts';
import { MqttDefaultLight } from './components/mqtt-default-light.ts';
import { MqttJsonLight } from './components/mqtt-json-light.ts';
import { MqttSensor } from './components/mqtt-sensor.ts';
import { MqttSwitch } from './components/mqtt-switch.ts';
import type { CommonConfig, LightDefaultConfig, LightJsonConfig } from './discovery-schemas.ts';
import {
  binarySensorSchema,
  lightDefaultSchema,
  lightJsonSchema,
  sensorSchema,
  switchSchema,
} from './discovery-schemas.ts';
import type { EntityContext } from './entity-context.ts';
import type { MqttEntity } from './mqtt-entity.ts';

/** One supported component: how to validate its config and build its entity. */
export interface ComponentKind {
  domain: 'light' | 'switch' | 'sensor' | 'binary_sensor';
  /** Home Assistant's default entity name when the config has no `name` key. */
  defaultName: string;
  schema: z.ZodType<CommonConfig>;
  capabilities(config: CommonConfig): Attributes;
  create(ctx: EntityContext, entityId: string, config: CommonConfig, attributes: Attributes): MqttEntity;
}

const none = (): Attributes => ({});

/** The components hearth discovers, keyed by discovery component (and light schema). */
export function componentKind(component: string, rawSchema: unknown): ComponentKind | undefined {
  switch (component) {
    case 'switch':
      return {
        domain: 'switch',
        defaultName: 'MQTT Switch',
        schema: switchSchema,
        capabilities: none,
        create: (ctx, id, config, attrs) => {
          const entity = new MqttSwitch(ctx, id, config as z.output<typeof switchSchema>, attrs);
          ctx.controllers.set('switch', id, entity);
          return entity;
        },
      };
    case 'sensor':
      return {
        domain: 'sensor',
        defaultName: 'MQTT Sensor',
        schema: sensorSchema,
        capabilities: (config) => {
          const c = config as z.output<typeof sensorSchema>;
          return {
            ...(c.unit_of_measurement !== undefined && { unit_of_measurement: c.unit_of_measurement }),
            ...(c.state_class !== undefined && { state_class: c.state_class }),
          };
        },
        create: (ctx, id, config, attrs) =>
          new MqttSensor(ctx, id, config as z.output<typeof sensorSchema>, attrs),
      };
    case 'binary_sensor':
      return {
        domain: 'binary_sensor',
        defaultName: 'MQTT binary sensor',
        schema: binarySensorSchema,
        capabilities: none,
        create: (ctx, id, config, attrs) =>
          new MqttBinarySensor(ctx, id, config as z.output<typeof binarySensorSchema>, attrs),
      };
    case 'light': {
      const json = rawSchema === 'json';
      return {
        domain: 'light',
        defaultName: 'MQTT Light',
        schema: json ? lightJsonSchema : lightDefaultSchema,
        capabilities: (config) => {
          const c = config as LightJsonConfig | LightDefaultConfig;
          return lightCapabilities(c, supportedColorModes(c));
        },
        create: (ctx, id, config, attrs) => {
          const entity = json
            ? new MqttJsonLight(ctx, id, config as LightJsonConfig, attrs)
            : new MqttDefaultLight(ctx, id, config as LightDefaultConfig, attrs);
          ctx.controllers.set('light', id, entity);
          return entity;
        },
      };
    }
    default:
      return undefined;
  }
}
