import { z } from 'zod';
import type { NumberController } from '../../domains/number-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { parseFloatText } from '../../template/template-numbers.ts';
import { defineComponent } from '../component-kind.ts';
import { commonFields, payload, template, topic } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { PayloadError } from '../mqtt-entity.ts';
import { MqttStateCommandEntity } from './mqtt-state-command-entity.ts';
import { pythonNumberText } from './python-number.ts';

const DEFAULT_NAME = 'MQTT Number';

/** HA's `MQTT_NUMBER_ATTRIBUTES_BLOCKED`: json_attributes_topic may not set these. */
const ATTRIBUTES_BLOCKED: ReadonlySet<string> = new Set(['min', 'max', 'step']);

// `vol.Coerce(float)`, finite.
const float = z.preprocess(
  (value) => (typeof value === 'string' ? (parseFloatText(value) ?? value) : value),
  z.number().refine(Number.isFinite, 'must be a finite number'),
);

/** https://www.home-assistant.io/integrations/number.mqtt/ and homeassistant/components/mqtt/number.py. */
export const numberSchema = z
  .looseObject({
    ...commonFields,
    device_class: z
      .preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.string().max(64).nullable())
      .optional(),
    command_topic: topic,
    command_template: template.optional(),
    state_topic: topic.optional(),
    value_template: template.optional(),
    min: float.default(1),
    max: float.default(100),
    step: float.pipe(z.number().min(1e-3, 'must be at least 0.001')).default(1),
    mode: z.enum(['auto', 'box', 'slider']).default('auto'),
    unit_of_measurement: z.string().max(64).nullable().optional(),
    payload_reset: payload('None'),
    optimistic: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    if (config.min >= config.max) ctx.addIssue({ code: 'custom', path: ['max'], message: "must be > 'min'" });
  });

export type NumberConfig = z.output<typeof numberSchema>;

/** A Python int or float: Home Assistant's state is `str()` of it, so 21 and 21.0 differ. */
interface PythonNumber {
  value: number;
  isFloat: boolean;
}

/**
 * An MQTT number. `set_value` publishes the value (as an int when it is whole, as HA does) and
 * resolves when the device reports it back.
 */
export class MqttNumber extends MqttStateCommandEntity<NumberConfig> implements NumberController {
  private current: PythonNumber | null = null;

  constructor(ctx: EntityContext, entityId: string, config: NumberConfig, attributes: Attributes) {
    super(ctx, entityId, config, attributes, DEFAULT_NAME);
  }

  protected override get jsonAttributesBlocked(): ReadonlySet<string> {
    return ATTRIBUTES_BLOCKED;
  }

  protected receive(value: string): void {
    const number = value === this.config.payload_reset ? null : parseNumber(value);
    const { min, max } = this.config;
    if (number && (number.value < min || number.value > max))
      throw new PayloadError(`value ${value.slice(0, 64)} is out of range ${min}..${max}`);
    this.current = number;
  }

  protected stateValue(): string | null {
    return this.current === null ? null : pythonNumberText(this.current.value, this.current.isFloat);
  }

  setValue(value: number, context: Context): Promise<void> {
    const { min, max } = this.config;
    // NumberEntity clamps to the native range; MqttNumber sends a whole float as an int.
    const clamped = Math.min(max, Math.max(min, value));
    const target: PythonNumber = { value: clamped, isFloat: !Number.isInteger(clamped) };
    const payload = this.commandTemplate.render(clamped, pythonNumberText(target.value, target.isFloat));
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, payload),
      (state) => isSameNumber(Number(state), clamped),
      () => {
        this.current = target;
      },
    );
  }
}

/** HA: `int(payload)` when `payload.isnumeric()`, else `float(payload)`. */
function parseNumber(text: string): PythonNumber {
  if (/^[0-9]+$/.test(text)) return { value: Number(text), isFloat: false };
  const value = parseFloatText(text);
  if (value === undefined || !Number.isFinite(value))
    throw new PayloadError(`payload "${text.slice(0, 64)}" is not a number`);
  return { value, isFloat: true };
}

const isSameNumber = (a: number, b: number): boolean =>
  Number.isFinite(a) && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

export const numberComponent = defineComponent({
  component: 'number',
  domain: 'number',
  defaultName: DEFAULT_NAME,
  schemaFor: () => numberSchema,
  capabilities: (config) => ({
    min: config.min,
    max: config.max,
    step: config.step,
    mode: config.mode,
    ...(typeof config.unit_of_measurement === 'string' && {
      unit_of_measurement: config.unit_of_measurement,
    }),
  }),
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttNumber(ctx, entityId, config, attributes);
    ctx.controllers.set('number', entityId, entity);
    return entity;
  },
});
