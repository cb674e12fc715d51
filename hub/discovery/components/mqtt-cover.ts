import type { Expectation } from '../../core/command-confirmations.ts';
import { HubError } from '../../core/hub-error.ts';
import type { CoverController } from '../../domains/cover-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { TemplateError } from '../../template/template-error.ts';
import { defineComponent } from '../component-kind.ts';
import type { EntityContext } from '../entity-context.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';
import { CoverModel } from './cover-model.ts';
import { percentageToDeviceValue } from './cover-position.ts';
import type { CoverConfig, CoverState } from './cover-schema.ts';
import { coverFeatures, coverSchema, isOptimisticCover } from './cover-schema.ts';
import { CoverTemplates } from './cover-templates.ts';

const DEFAULT_NAME = 'MQTT Cover';

/** HA's `MQTT_COVER_ATTRIBUTES_BLOCKED`: json_attributes_topic may not set these. */
const ATTRIBUTES_BLOCKED: ReadonlySet<string> = new Set(['current_position', 'current_tilt_position']);

type Report = (payload: string, topic: string) => boolean;

/**
 * https://www.home-assistant.io/integrations/cover.mqtt/, after homeassistant/components/mqtt/cover.py:
 * publishes exactly what Home Assistant publishes, and resolves a command when the device reports
 * its target: open/close at the end position (or the state, without a position topic), a position
 * within ±1, stop on a report that is not moving. A blind travels for longer than
 * `commandTimeoutMs`: while it reports `opening`/`closing` the right way, or a position nearer the
 * target, the call keeps waiting (command-confirmations.ts bounds how long).
 */
export class MqttCover extends MqttEntity<CoverConfig> implements CoverController {
  private readonly model: CoverModel;
  private readonly coverOptimistic: boolean;
  private readonly templates: CoverTemplates;

  constructor(ctx: EntityContext, entityId: string, config: CoverConfig, attributes: Attributes) {
    super(ctx, entityId, config, attributes);
    this.model = new CoverModel(config);
    this.coverOptimistic = isOptimisticCover(config);
    this.templates = new CoverTemplates(config, {
      entityId,
      name: config.name === undefined ? DEFAULT_NAME : config.name,
    });
  }

  /** Confirmed at once when HA is optimistic, or when no topic could ever report the state. */
  protected override get optimistic(): boolean {
    return (
      this.coverOptimistic ||
      (this.config.state_topic === undefined && this.config.position_topic === undefined)
    );
  }

  protected override get jsonAttributesBlocked(): ReadonlySet<string> {
    return ATTRIBUTES_BLOCKED;
  }

  protected subscribeTopics(): void {
    // Zigbee2MQTT reports state, position and tilt on one topic: one write per message, the
    // position read before the state, since `state_stopped` looks at the position.
    const byTopic = new Map<string, [string, Report][]>();
    const add = (topic: string | undefined, key: string, report: Report) => {
      if (topic !== undefined) byTopic.set(topic, [...(byTopic.get(topic) ?? []), [key, report]]);
    };
    add(this.config.position_topic, 'position', (payload, topic) => this.receivePosition(payload, topic));
    add(this.config.state_topic, 'state', (payload) => this.receiveState(payload));
    add(this.config.tilt_status_topic, 'tilt', (payload) => this.receiveTilt(payload));
    for (const [topic, reports] of byTopic) {
      this.subscribe(topic, (payload) => {
        let handled = false;
        for (const [key, report] of reports) {
          try {
            handled = report(payload, topic) || handled;
          } catch (error) {
            this.warnPayload(`${topic} (${key})`, error);
          }
        }
        if (handled) this.writeState();
      });
    }
  }

  protected stateValue(): string | null {
    return this.model.state;
  }

  protected override stateAttributes(): Attributes {
    return this.model.attributes();
  }

  // HA ignores a message that is empty after its template.
  private receiveState(payload: string): boolean {
    const value = this.templates.value.render(payload);
    if (value) this.model.receiveState(value);
    return value !== '';
  }

  private receivePosition(payload: string, topic: string): boolean {
    const value = this.templates.position.render(payload);
    if (value)
      this.model.receivePosition(value, (error) => this.warnPayload(`${topic} (tilt_position)`, error));
    return value !== '';
  }

  private receiveTilt(payload: string): boolean {
    const value = this.templates.tiltStatus.render(payload);
    if (value) this.model.receiveTilt(value);
    return value !== '';
  }

  private warnPayload(where: string, error: unknown): void {
    if (!(error instanceof TemplateError || error instanceof PayloadError)) throw error;
    this.ctx.log.warn(`${this.entityId}: ${where}: ${error.message}`);
  }

  openCover(context: Context): Promise<void> {
    return this.move(context, this.config.payload_open, 'open', 100);
  }

  closeCover(context: Context): Promise<void> {
    return this.move(context, this.config.payload_close, 'closed', 0);
  }

  /** Open or close: done when the position reaches the end, or the state topic says so. */
  private move(context: Context, payload: string | null, target: CoverState, end: number): Promise<void> {
    const topic = this.config.command_topic;
    if (topic === undefined || payload === null) return Promise.reject(this.unsupported('command_topic'));
    const byPosition = this.config.position_topic !== undefined;
    return this.runCommand(
      context,
      () => this.publish(topic, payload),
      (state, attributes) => (byPosition ? attributes.current_position === end : state === target),
      () => {
        if (!this.coverOptimistic) return;
        this.model.setState(target);
        if (byPosition) this.model.position = end;
      },
      approaching(byPosition ? end : null, target === 'open' ? 'opening' : 'closing', this.model.position),
    );
  }

  stopCover(context: Context): Promise<void> {
    const { command_topic: topic, payload_stop: payload } = this.config;
    if (topic === undefined || payload === null) return Promise.reject(this.unsupported('command_topic'));
    return this.runCommand(
      context,
      () => this.publish(topic, payload),
      (state) => state !== 'opening' && state !== 'closing',
      () => {},
    );
  }

  toggle(context: Context): Promise<void> {
    const supportsStop = this.config.command_topic !== undefined && this.config.payload_stop !== null;
    const action = this.model.toggleAction(supportsStop);
    if (action === 'stop') return this.stopCover(context);
    return action === 'open' ? this.openCover(context) : this.closeCover(context);
  }

  setCoverPosition(position: number, context: Context): Promise<void> {
    const topic = this.config.set_position_topic;
    if (topic === undefined) return Promise.reject(this.unsupported('set_position_topic'));
    const ranged = percentageToDeviceValue(this.model.positionRange, position);
    const variables = { position, entity_id: this.entityId, ...this.templates.rangeVariables };
    const payload = this.templates.setPosition.render(ranged, String(ranged), variables);
    return this.runCommand(
      context,
      () => this.publish(topic, payload),
      (_state, attributes) => isNear(attributes.current_position, position),
      () => {
        if (!this.coverOptimistic) return;
        // Sic: HA compares the percentage with position_closed, which is in the device's units.
        this.model.setState(position <= this.config.position_closed ? 'closed' : 'open');
        this.model.position = position;
      },
      approaching(position, direction(this.model.position, position), this.model.position),
    );
  }

  openCoverTilt(context: Context): Promise<void> {
    const value = this.config.tilt_opened_value;
    return this.tiltTo(value, value, this.model.tiltOpenPercent, context);
  }

  closeCoverTilt(context: Context): Promise<void> {
    const value = this.config.tilt_closed_value;
    return this.tiltTo(value, value, this.model.tiltClosedPercent, context);
  }

  setCoverTiltPosition(tiltPosition: number, context: Context): Promise<void> {
    const ranged = percentageToDeviceValue(this.model.tiltRange, tiltPosition);
    return this.tiltTo(ranged, tiltPosition, tiltPosition, context);
  }

  /** The MQTT cover does not implement `stop_cover_tilt`: HA's base method publishes nothing. */
  stopCoverTilt(_context: Context): Promise<void> {
    return Promise.resolve();
  }

  /** The MQTT cover's own `async_toggle_tilt`: open when at or below the closed tilt. */
  toggleTilt(context: Context): Promise<void> {
    const { tilt, tiltClosedPercent } = this.model;
    return tilt !== null && tilt <= tiltClosedPercent
      ? this.openCoverTilt(context)
      : this.closeCoverTilt(context);
  }

  /**
   * Publishes `value`, the device's tilt, with HA's variables; `tilt_position` is what HA passes:
   * the configured value for open/close, the percentage for a position. Tilt has its own optimism
   * (`tilt_optimistic`, or no `tilt_status_topic`), so it does not go through `runCommand`.
   */
  private async tiltTo(
    value: number,
    tiltVariable: number,
    percent: number,
    context: Context,
  ): Promise<void> {
    const topic = this.config.tilt_command_topic;
    if (topic === undefined) throw this.unsupported('tilt_command_topic');
    const variables = {
      tilt_position: tiltVariable,
      entity_id: this.entityId,
      ...this.templates.rangeVariables,
    };
    const payload = this.templates.tiltCommand.render(value, String(value), variables);
    if (this.model.tiltOptimistic) {
      this.publish(topic, payload);
      this.model.tilt = percent;
      this.writeState(context);
      return;
    }
    const confirmed = this.ctx.confirmations.expect(
      this.entityId,
      context,
      (_state, attributes) => isNear(attributes.current_tilt_position, percent),
      this.ctx.commandTimeoutMs,
    );
    this.publish(topic, payload);
    await confirmed;
  }

  private unsupported(key: string): HubError {
    return new HubError('home_assistant_error', `${this.entityId} has no ${key} for this command`);
  }
}

/**
 * Progress towards `target` (a position, or null when the cover reports none): a report of moving
 * the right way, or of a position nearer than any before.
 */
function approaching(
  target: number | null,
  moving: 'opening' | 'closing' | null,
  from: number | null,
): Expectation {
  let nearest = target === null || from === null ? Number.POSITIVE_INFINITY : Math.abs(target - from);
  return (state, attributes) => {
    if (moving !== null && state === moving) return true;
    const position = attributes.current_position;
    if (target === null || typeof position !== 'number' || Math.abs(target - position) >= nearest)
      return false;
    nearest = Math.abs(target - position);
    return true;
  };
}

const direction = (from: number | null, to: number): 'opening' | 'closing' | null =>
  from === null || from === to ? null : to > from ? 'opening' : 'closing';

/** Devices round a position they were sent by one either way. */
const isNear = (reported: unknown, target: number): boolean =>
  typeof reported === 'number' && Math.abs(reported - target) <= 1;

export const coverComponent = defineComponent({
  component: 'cover',
  domain: 'cover',
  defaultName: DEFAULT_NAME,
  schemaFor: () => coverSchema,
  capabilities: (config) => ({ supported_features: coverFeatures(config) }),
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttCover(ctx, entityId, config, attributes);
    ctx.controllers.set('cover', entityId, entity);
    return entity;
  },
});
