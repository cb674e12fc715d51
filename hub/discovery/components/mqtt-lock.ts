import { z } from 'zod';
import { HubError } from '../../core/hub-error.ts';
import type { LockController } from '../../domains/lock-services.ts';
import { LockFeature } from '../../domains/lock-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { defineComponent } from '../component-kind.ts';
import { commonFields, optionalPayload, payload, template, topic } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { PayloadError } from '../mqtt-entity.ts';
import { compileCodeFormat, matchesCodeFormat } from './code-format.ts';
import { droppedKey } from './discovery-coercions.ts';
import { MqttStateCommandEntity } from './mqtt-state-command-entity.ts';

const DEFAULT_NAME = 'MQTT Lock';

/** HA's `MQTT_LOCK_ATTRIBUTES_BLOCKED`: json_attributes_topic may not set these. */
const ATTRIBUTES_BLOCKED: ReadonlySet<string> = new Set(['changed_by', 'code_format']);

/** Home Assistant's lock states (`LockState`). */
type LockState = 'locked' | 'locking' | 'unlocked' | 'unlocking' | 'jammed' | 'open' | 'opening';

const codeFormat = z.string().superRefine((pattern, ctx) => {
  try {
    compileCodeFormat(pattern);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** https://www.home-assistant.io/integrations/lock.mqtt/ and homeassistant/components/mqtt/lock.py. */
export const lockSchema = z.looseObject({
  ...commonFields,
  // The MQTT lock takes no device_class (HA drops the key), so none reaches the attributes.
  device_class: droppedKey,
  command_topic: topic,
  command_template: template.optional(),
  state_topic: topic.optional(),
  value_template: template.optional(),
  code_format: codeFormat.optional(),
  optimistic: z.boolean().default(false),
  payload_lock: payload('LOCK'),
  payload_unlock: payload('UNLOCK'),
  payload_open: optionalPayload,
  payload_reset: payload('None'),
  state_jammed: payload('JAMMED'),
  state_locked: payload('LOCKED'),
  state_locking: payload('LOCKING'),
  state_open: payload('OPEN'),
  state_opening: payload('OPENING'),
  state_unlocked: payload('UNLOCKED'),
  state_unlocking: payload('UNLOCKING'),
});

export type LockConfig = z.output<typeof lockSchema>;

/**
 * An MQTT lock. A command resolves when the device reports the state it asked for (`open` also
 * accepts `unlocked`, which locks that pull the latch and let go report), and fails at once with
 * an error when the device reports `jammed` instead.
 */
export class MqttLock extends MqttStateCommandEntity<LockConfig> implements LockController {
  /** HA (2023.11+): an optimistic lock starts unlocked; one with a state topic starts unknown. */
  private state: LockState | null;
  private readonly codePattern: RegExp | undefined;

  constructor(ctx: EntityContext, entityId: string, config: LockConfig, attributes: Attributes) {
    super(ctx, entityId, config, attributes, DEFAULT_NAME);
    this.state = this.optimistic ? 'unlocked' : null;
    this.codePattern = config.code_format !== undefined ? compileCodeFormat(config.code_format) : undefined;
  }

  protected override get jsonAttributesBlocked(): ReadonlySet<string> {
    return ATTRIBUTES_BLOCKED;
  }

  protected receive(value: string): void {
    this.state = value === this.config.payload_reset ? null : this.stateOf(value);
  }

  /** The state LockEntity reports when a payload sets its flags: jammed, opening, locking, open, unlocking win. */
  private stateOf(value: string): LockState {
    const c = this.config;
    if (value === c.state_jammed) return 'jammed';
    if (value === c.state_opening) return 'opening';
    if (value === c.state_locking) return 'locking';
    if (value === c.state_open) return 'open';
    if (value === c.state_unlocking) return 'unlocking';
    if (value === c.state_locked) return 'locked';
    if (value === c.state_unlocked) return 'unlocked';
    throw new PayloadError(`state "${value.slice(0, 64)}" is none of the lock's states`);
  }

  protected stateValue(): string | null {
    return this.state;
  }

  lock(code: string | undefined, context: Context): Promise<void> {
    return this.command(this.config.payload_lock, code, ['locked'], 'locked', context);
  }

  unlock(code: string | undefined, context: Context): Promise<void> {
    return this.command(this.config.payload_unlock, code, ['unlocked'], 'unlocked', context);
  }

  open(code: string | undefined, context: Context): Promise<void> {
    const payload = this.config.payload_open;
    if (payload === undefined)
      return Promise.reject(new HubError('home_assistant_error', `${this.entityId} has no payload_open`));
    return this.command(payload, code, ['open', 'unlocked'], 'open', context);
  }

  private async command(
    payload: string,
    code: string | undefined,
    targets: readonly string[],
    optimisticState: LockState,
    context: Context,
  ): Promise<void> {
    this.checkCode(code ?? '');
    // HA's template variables: `value` is the payload, `code` the code or None.
    const rendered = this.commandTemplate.render(payload, payload, { code: code ? code : null });
    let jammed = false;
    await this.runCommand(
      context,
      () => this.publish(this.config.command_topic, rendered),
      (state) => {
        jammed = state === 'jammed';
        return jammed || targets.includes(state);
      },
      () => {
        this.state = optimisticState;
      },
    );
    if (jammed) throw new HubError('home_assistant_error', `${this.entityId} reported jammed`);
  }

  /** LockEntity's `add_default_code`: with a code_format, the code (empty if none) must match it. */
  private checkCode(code: string): void {
    if (this.codePattern && !matchesCodeFormat(this.codePattern, code)) {
      throw new HubError(
        'service_validation_error',
        `service_data.code: the code for ${this.entityId} doesn't match pattern ${this.config.code_format}`,
      );
    }
  }
}

export const lockComponent = defineComponent({
  component: 'lock',
  domain: 'lock',
  defaultName: DEFAULT_NAME,
  schemaFor: () => lockSchema,
  capabilities: (config) => ({
    supported_features: config.payload_open !== undefined ? LockFeature.OPEN : 0,
    ...(config.code_format !== undefined && { code_format: config.code_format }),
  }),
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttLock(ctx, entityId, config, attributes);
    ctx.controllers.set('lock', entityId, entity);
    return entity;
  },
});
