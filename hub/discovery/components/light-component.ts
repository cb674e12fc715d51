import { defineComponent } from '../component-kind.ts';
import type { LightDefaultConfig, LightJsonConfig } from '../discovery-schemas.ts';
import { lightDefaultSchema, lightJsonSchema } from '../discovery-schemas.ts';
import { lightCapabilities, supportedColorModes } from './light-model.ts';
import { MqttDefaultLight } from './mqtt-default-light.ts';
import { MqttJsonLight } from './mqtt-json-light.ts';

/** https://www.home-assistant.io/integrations/light.mqtt/: the `schema` key picks the dialect. */
export const lightComponent = defineComponent<LightDefaultConfig | LightJsonConfig>({
  component: 'light',
  domain: 'light',
  defaultName: 'MQTT Light',
  schemaFor: (expanded) => (expanded.schema === 'json' ? lightJsonSchema : lightDefaultSchema),
  capabilities: (config) => lightCapabilities(config, supportedColorModes(config)),
  create: (ctx, entityId, config, attributes) => {
    const entity =
      'schema' in config && config.schema === 'json'
        ? new MqttJsonLight(ctx, entityId, config, attributes)
        : new MqttDefaultLight(ctx, entityId, config as LightDefaultConfig, attributes);
    ctx.controllers.set('light', entityId, entity);
    return entity;
  },
});
