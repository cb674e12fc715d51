import { z } from 'zod';
import type { Clock, TimerHandle } from '../../hub/core/clock.ts';
import { HubError } from '../../hub/core/hub-error.ts';
import type { Logger } from '../../hub/core/logger.ts';
import { parseInput } from '../../hub/core/parse-input.ts';
import type { McuCommand, McuDriver, McuEntity, McuEvents, McuInfo, McuState } from '../mcu/mcu-driver.ts';
import { diagnosticsDiscovery, entityDiscovery, type McuIdentity } from './entity-discovery.ts';

/** How the bridge publishes; every message it sends is retained at QoS 1. */
export type Publish = (topic: string, payload: string) => void;

export interface McuDeviceOptions {
  readonly identity: McuIdentity;
  readonly diagnosticsIntervalMs: number;
  readonly logger: Logger;
  readonly clock: Clock;
}

// A JSON-schema light's command (https://www.home-assistant.io/integrations/light.mqtt/#json-schema).
const lightCommand = z.looseObject({
  state: z.enum(['ON', 'OFF']).optional(),
  brightness: z.number().int().min(0).max(255).optional(),
});

/**
 * One MCU on MQTT: the driver's events become retained discovery, availability, state and
 * diagnostics messages; MQTT commands become driver commands. A state is published only when the
 * MCU reported it, never because a command was sent.
 */
export class McuDevice implements McuEvents {
  readonly #options: McuDeviceOptions;
  readonly #publish: Publish;
  readonly #entities = new Map<string, McuEntity>();
  readonly #states = new Map<string, McuState>();
  #driver: McuDriver | undefined;
  #info: McuInfo = {};
  #online = false;
  #framesGood = 0;
  #framesBad = 0;
  #lastSeen: number | undefined;
  #diagnosticsDirty = true;
  #diagnosticsTimer: TimerHandle | undefined;

  constructor(options: McuDeviceOptions, publish: Publish) {
    this.#options = options;
    this.#publish = publish;
  }

  get id(): string {
    return this.#options.identity.mcuId;
  }

  use(driver: McuDriver): void {
    this.#driver = driver;
  }

  /** Every retained message again: at start, and when Home Assistant (or the hub) comes online. */
  announce(): void {
    const { identity } = this.#options;
    for (const message of diagnosticsDiscovery(identity, this.#info))
      this.#send(message.topic, message.config);
    for (const entity of this.#entities.values()) this.#announceEntity(entity);
    this.#publishAvailability();
    for (const [key, state] of this.#states) this.#publishState(key, state);
    this.#diagnosticsDirty = true;
    this.#publishDiagnostics();
  }

  /** Starts publishing the diagnostics; the bridge calls `announce` once it is connected. */
  start(): void {
    this.#scheduleDiagnostics();
  }

  stop(): void {
    if (this.#diagnosticsTimer !== undefined) this.#options.clock.clearTimeout(this.#diagnosticsTimer);
    this.#diagnosticsTimer = undefined;
  }

  // ── from the driver ──
  online(info: McuInfo): void {
    const renamed = JSON.stringify(info) !== JSON.stringify(this.#info);
    this.#info = info;
    this.#online = true;
    if (renamed) this.announce();
    else this.#publishAvailability();
    this.#options.logger.info(`${this.id}: online${info.name ? ` (${info.name})` : ''}`);
  }

  offline(reason: string): void {
    this.#online = false;
    this.#publishAvailability();
    this.#options.logger.warn(`${this.id}: unavailable: ${reason}`);
  }

  entity(entity: McuEntity): void {
    const before = this.#entities.get(entity.key);
    this.#entities.set(entity.key, entity);
    if (before === undefined || JSON.stringify(before) !== JSON.stringify(entity))
      this.#announceEntity(entity);
  }

  state(key: string, state: McuState): void {
    if (!this.#entities.has(key)) {
      this.#options.logger.debug(`${this.id}: state for "${key}", which was never announced`);
      return;
    }
    this.#states.set(key, state);
    this.#publishState(key, state);
  }

  frame(problem?: string): void {
    if (problem === undefined) this.#framesGood++;
    else this.#framesBad++;
    this.#lastSeen = this.#options.clock.now();
    this.#diagnosticsDirty = true;
  }

  // ── from MQTT ──
  /** An MQTT command for one of this MCU's entities; bad payloads are logged and dropped. */
  async command(key: string, payload: string): Promise<void> {
    const { logger } = this.#options;
    const entity = this.#entities.get(key);
    if (entity === undefined || (entity.component !== 'switch' && entity.component !== 'light')) {
      logger.warn(`${this.id}: command for "${key}", which takes none`);
      return;
    }
    const command = parseCommand(entity, payload, this.#states.get(key));
    if (typeof command === 'string') {
      logger.warn(`${this.id}/${key}: ${command}`);
      return;
    }
    const acknowledged = (await this.#driver?.command(key, command)) ?? false;
    if (!acknowledged) logger.warn(`${this.id}/${key}: the MCU did not confirm ${payload}`);
  }

  #announceEntity(entity: McuEntity): void {
    const message = entityDiscovery(this.#options.identity, this.#info, entity);
    this.#send(message.topic, message.config);
  }

  #publishAvailability(): void {
    const { identity } = this.#options;
    this.#publish(identity.topics.mcuAvailability(identity.mcuId), this.#online ? 'online' : 'offline');
  }

  #publishState(key: string, state: McuState): void {
    const entity = this.#entities.get(key);
    if (entity === undefined) return;
    const payload = statePayload(entity, state);
    if (payload !== undefined) this.#publish(this.#options.identity.topics.state(this.id, key), payload);
  }

  #scheduleDiagnostics(): void {
    const { clock, diagnosticsIntervalMs } = this.#options;
    this.#diagnosticsTimer = clock.setTimeout(() => {
      this.#publishDiagnostics();
      this.#scheduleDiagnostics();
    }, diagnosticsIntervalMs);
  }

  #publishDiagnostics(): void {
    if (!this.#diagnosticsDirty) return;
    this.#diagnosticsDirty = false;
    const { identity } = this.#options;
    this.#send(identity.topics.diagnostics(identity.mcuId), {
      frames_good: this.#framesGood,
      frames_bad: this.#framesBad,
      last_seen: this.#lastSeen === undefined ? null : new Date(this.#lastSeen).toISOString(),
    });
  }

  #send(topic: string, value: object): void {
    this.#publish(topic, JSON.stringify(value));
  }
}

/** What an MQTT command asks of the MCU, or why it cannot be understood. */
function parseCommand(
  entity: McuEntity,
  payload: string,
  current: McuState | undefined,
): McuCommand | string {
  if (entity.component === 'switch') {
    if (payload === 'ON' || payload === 'OFF') return { on: payload === 'ON' };
    return `command must be ON or OFF, got ${JSON.stringify(payload.slice(0, 40))}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return `command is not JSON: ${JSON.stringify(payload.slice(0, 40))}`;
  }
  let command: z.output<typeof lightCommand>;
  try {
    command = parseInput(lightCommand, json, 'light command');
  } catch (error) {
    if (error instanceof HubError) return error.message;
    throw error;
  }
  const { state, brightness } = command;
  // Home Assistant sends a brightness alone to change it; a light off is then turned on.
  const on = state === undefined ? brightness !== undefined || current?.v === true : state === 'ON';
  if (!on) return { on };
  if (brightness === 0) return { on: false };
  return entity.dimmable && brightness !== undefined ? { on, brightness } : { on };
}

/** The MQTT payload of a reported state, as the entity's discovery config says to read it. */
function statePayload(entity: McuEntity, state: McuState): string | undefined {
  switch (entity.component) {
    case 'switch':
    case 'binary_sensor':
      return state.v === null ? 'None' : state.v === true || state.v === 1 || state.v === 'ON' ? 'ON' : 'OFF';
    case 'sensor':
      return state.v === null ? undefined : String(state.v);
    case 'light': {
      const on = state.v === true || state.v === 1 || state.v === 'ON';
      if (!entity.dimmable) return JSON.stringify({ state: on ? 'ON' : 'OFF', color_mode: 'onoff' });
      return JSON.stringify({
        state: on ? 'ON' : 'OFF',
        ...(on && state.bri !== undefined ? { brightness: state.bri, color_mode: 'brightness' } : {}),
        ...(on && state.bri === undefined ? { color_mode: 'brightness' } : {}),
      });
    }
  }
}
