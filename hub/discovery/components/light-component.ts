import { defineComponent } from '../component-kind.ts';
import type { LightDefaultConfig, LightJsonConfig, LightTemplateConfig } from '../discovery-schemas.ts';
import { lightDefaultSchema, lightJsonSchema, lightTemplateSchema } from '../discovery-schemas.ts';
import type { LightConfig } from './light-entity.ts';
import { lightCapabilities } from './light-model.ts';
import { defaultLightTraits, MqttDefaultLight } from './mqtt-default-light.ts';
import { jsonLightTraits, MqttJsonLight } from './mqtt-json-light.ts';
import { MqttTemplateLight, templateLightTraits } from './mqtt-template-light.ts';

/** The `schema` key, as Home Assistant reads it: lower-cased, `basic` when absent. */
const schemaOf = (config: Record<string, unknown>): string =>
  typeof config.schema === 'string' ? config.schema.toLowerCase() : 'basic';

const isJson = (config: LightConfig): config is LightJsonConfig => schemaOf(config) === 'json';
const isTemplate = (config: LightConfig): config is LightTemplateConfig => schemaOf(config) === 'template';

const traitsOf = (config: LightConfig) =>
  isJson(config)
    ? jsonLightTraits(config)
    : isTemplate(config)
      ? templateLightTraits(config)
      : defaultLightTraits(config as LightDefaultConfig);

/**
 * https://www.home-assistant.io/integrations/light.mqtt/: the `schema` key picks the dialect,
 * `default` (`basic`), `json` or `template`; any other value fails the default schema's check.
 */
export const lightComponent = defineComponent<LightConfig>({
  component: 'light',
  domain: 'light',
  defaultName: 'MQTT Light',
  schemaFor: (expanded) => {
    const schema = schemaOf(expanded);
    return schema === 'json'
      ? lightJsonSchema
      : schema === 'template'
        ? lightTemplateSchema
        : lightDefaultSchema;
  },
  capabilities: (config) => lightCapabilities(traitsOf(config)),
  create: (ctx, entityId, config, attributes) => {
    const entity = isJson(config)
      ? new MqttJsonLight(ctx, entityId, config, attributes)
      : isTemplate(config)
        ? new MqttTemplateLight(ctx, entityId, config, attributes)
        : new MqttDefaultLight(ctx, entityId, config as LightDefaultConfig, attributes);
    ctx.controllers.set('light', entityId, entity);
    return entity;
  },
});
