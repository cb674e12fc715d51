import { HubError } from '../../core/hub-error.ts';
import type {
  ClimateController,
  ClimateSetTemperatureParams,
  HvacMode,
} from '../../domains/climate-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { defineComponent } from '../component-kind.ts';
import type { ClimateTopicKey, ClimateValues } from './climate-model.ts';
import {
  climateCapabilities,
  climateStateAttributes,
  convertTemperature,
  initialValues,
  isOptimistic,
  rangeOptimistic,
  turnOnMode,
  unitOf,
} from './climate-model.ts';
import type { ClimateConfig } from './climate-schema.ts';
import { climateSchema } from './climate-schema.ts';
import { ClimateSetpoints } from './climate-setpoints.ts';
import type { ClimateTemplateKey } from './climate-topics.ts';
import { climateTemplateSources, listenClimateTopics } from './climate-topics.ts';
import type { PropertyChange, Publish } from './mqtt-property-entity.ts';
import { MqttPropertyEntity } from './mqtt-property-entity.ts';
import { MqttTemplates } from './mqtt-templates.ts';
import { pythonNumberText } from './python-number.ts';

type TemperatureField = 'targetTemperature' | 'targetTemperatureLow' | 'targetTemperatureHigh';

/**
 * https://www.home-assistant.io/integrations/climate.mqtt/: one topic per property, each
 * optimistic when it has no state topic (or the config says `optimistic`). The state is the HVAC
 * mode; temperatures are kept in the device's unit and shown in the system's (°C).
 */
export class MqttClimate extends MqttPropertyEntity<ClimateConfig> implements ClimateController {
  protected readonly defaultName = 'MQTT HVAC';
  private readonly values: ClimateValues = initialValues(this.config);
  private readonly setpoints = new ClimateSetpoints(
    this.config.modes.includes('heat_cool') &&
      (this.config.modes.includes('heat') || this.config.modes.includes('cool')),
  );
  private readonly templates = new MqttTemplates<ClimateTemplateKey>(
    climateTemplateSources(this.config),
    this.templateOwner(),
    () => this.templateVariables(),
  );

  protected listenTopics(): void {
    const { config, values, setpoints, templates } = this;
    listenClimateTopics({ config, values, setpoints, templates }, (topic, handler) =>
      this.listen(topic, handler),
    );
  }

  protected stateValue(): string | null {
    return this.values.hvacMode;
  }

  protected override stateAttributes(): Attributes {
    return climateStateAttributes(this.values, this.config);
  }

  private isOptimistic(stateTopic: ClimateTopicKey): boolean {
    return isOptimistic(this.config, stateTopic);
  }

  setHvacMode(hvacMode: HvacMode, context: Context): Promise<void> {
    return this.run(context, (publishes) => [this.modeChange(hvacMode, publishes)]);
  }

  setTemperature(params: ClimateSetTemperatureParams, context: Context): Promise<void> {
    return this.run(context, (publishes) => {
      // MqttClimate.async_set_temperature: the mode first, then the setpoints.
      const changes = params.hvac_mode === undefined ? [] : [this.modeChange(params.hvac_mode, publishes)];
      const setpoints = [
        [params.temperature, 'temperature', 'targetTemperature'],
        [params.target_temp_low, 'temperature_low', 'targetTemperatureLow'],
        [params.target_temp_high, 'temperature_high', 'targetTemperatureHigh'],
      ] as const;
      for (const [value, prefix, field] of setpoints) {
        if (value !== undefined) changes.push(this.temperatureChange(value, prefix, field, publishes));
      }
      return changes;
    });
  }

  setHumidity(humidity: number, context: Context): Promise<void> {
    return this.run(context, (publishes) => [
      this.change('target_humidity', humidity, String(humidity), publishes, {
        optimistic: this.isOptimistic('target_humidity_state_topic'),
        apply: () => {
          this.values.targetHumidity = humidity;
        },
        confirmed: () =>
          this.values.targetHumidity !== null && Math.abs(this.values.targetHumidity - humidity) < 0.5,
      }),
    ]);
  }

  setFanMode(fanMode: string, context: Context): Promise<void> {
    return this.setWord('fan_mode', 'fanMode', fanMode, context);
  }

  setSwingMode(swingMode: string, context: Context): Promise<void> {
    return this.setWord('swing_mode', 'swingMode', swingMode, context);
  }

  setPresetMode(presetMode: string, context: Context): Promise<void> {
    return this.setWord('preset_mode', 'presetMode', presetMode, context);
  }

  /** MqttClimate.async_turn_on: payload_on to power_command_topic, else ClimateEntity's fallback. */
  turnOn(context: Context): Promise<void> {
    const { power_command_topic, payload_on, modes } = this.config;
    if (power_command_topic) return this.power(payload_on, [], context);
    const mode = turnOnMode(modes);
    if (mode === undefined)
      return Promise.reject(new HubError('home_assistant_error', `${this.entityId} has no way to turn on`));
    return this.setHvacMode(mode, context);
  }

  /** MqttClimate.async_turn_off: payload_off to power_command_topic, else the mode `off`. */
  turnOff(context: Context): Promise<void> {
    const { power_command_topic, payload_off, modes, optimistic } = this.config;
    if (power_command_topic) {
      // Home Assistant sets the mode to off only under `optimistic: true`; there is no power state.
      const off: PropertyChange = {
        optimistic: true,
        apply: () => {
          this.values.hvacMode = 'off';
        },
        confirmed: () => true,
      };
      return this.power(payload_off, optimistic ? [off] : [], context);
    }
    if (!modes.includes('off'))
      return Promise.reject(new HubError('home_assistant_error', `${this.entityId} has no off mode`));
    return this.setHvacMode('off', context);
  }

  private power(payload: string, changes: PropertyChange[], context: Context): Promise<void> {
    return this.run(context, (publishes) => {
      this.publishTo('power_command_topic', 'power_command_template', payload, payload, publishes);
      return changes;
    });
  }

  private modeChange(mode: HvacMode, publishes: Publish[]): PropertyChange {
    this.requireCommand('mode_command_topic', 'mode_state_topic', 'hvac_mode');
    this.publishTo('mode_command_topic', 'mode_command_template', mode, mode, publishes);
    return {
      optimistic: this.isOptimistic('mode_state_topic'),
      apply: () => {
        this.values.hvacMode = mode;
        this.setpoints.swap(this.values, mode, {
          single: this.isOptimistic('temperature_state_topic'),
          range: rangeOptimistic(this.config),
        });
      },
      confirmed: () => this.values.hvacMode === mode,
    };
  }

  /** A setpoint, from the system's unit (°C) to the device's, confirmed within half a step. */
  private temperatureChange(
    value: number,
    prefix: 'temperature' | 'temperature_low' | 'temperature_high',
    field: TemperatureField,
    publishes: Publish[],
  ): PropertyChange {
    const native = convertTemperature(value, 'C', unitOf(this.config));
    const tolerance = this.config.temp_step / 2 + 1e-9;
    return this.change(prefix, native, pythonNumberText(native, true), publishes, {
      optimistic: this.isOptimistic(`${prefix}_state_topic`),
      apply: () => {
        this.values[field] = native;
        if (field === 'targetTemperature') this.setpoints.parkRange(this.values);
        else this.setpoints.parkSingle(this.values);
      },
      confirmed: () => {
        const reported = this.values[field];
        return reported !== null && Math.abs(reported - native) <= tolerance;
      },
    });
  }

  private setWord(
    prefix: 'fan_mode' | 'swing_mode' | 'preset_mode',
    field: 'fanMode' | 'swingMode' | 'presetMode',
    value: string,
    context: Context,
  ): Promise<void> {
    return this.run(context, (publishes) => [
      this.change(prefix, value, value, publishes, {
        optimistic: this.isOptimistic(`${prefix}_state_topic`),
        apply: () => {
          this.values[field] = value;
        },
        confirmed: () => this.values[field] === value,
      }),
    ]);
  }

  private change(
    prefix:
      | 'temperature'
      | 'temperature_low'
      | 'temperature_high'
      | 'target_humidity'
      | 'fan_mode'
      | 'swing_mode'
      | 'preset_mode',
    value: string | number,
    raw: string,
    publishes: Publish[],
    change: PropertyChange,
  ): PropertyChange {
    this.requireCommand(`${prefix}_command_topic`, `${prefix}_state_topic`, SERVICE_FIELD[prefix] ?? prefix);
    this.publishTo(`${prefix}_command_topic`, `${prefix}_command_template`, value, raw, publishes);
    return change;
  }

  /** A property the device reports but cannot be told about would never confirm: refused. */
  private requireCommand(commandTopic: ClimateTopicKey, stateTopic: ClimateTopicKey, field: string): void {
    if (this.config[commandTopic] === undefined && !this.isOptimistic(stateTopic))
      throw new HubError(
        'service_validation_error',
        `service_data.${field}: ${this.entityId} has no ${commandTopic}`,
      );
  }

  private publishTo(
    topicKey: ClimateTopicKey,
    templateKey: ClimateTemplateKey,
    value: string | number,
    raw: string,
    publishes: Publish[],
  ): void {
    const topic = this.config[topicKey];
    if (typeof topic === 'string') publishes.push([topic, this.templates.command(templateKey, value, raw)]);
  }
}

/** The service field a command topic serves, to name it in a refusal. */
const SERVICE_FIELD: Readonly<Record<string, string>> = {
  temperature_low: 'target_temp_low',
  temperature_high: 'target_temp_high',
  target_humidity: 'humidity',
};

export const climateComponent = defineComponent<ClimateConfig>({
  component: 'climate',
  domain: 'climate',
  defaultName: 'MQTT HVAC',
  schemaFor: () => climateSchema,
  capabilities: climateCapabilities,
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttClimate(ctx, entityId, config, attributes);
    ctx.controllers.set('climate', entityId, entity);
    return entity;
  },
});
