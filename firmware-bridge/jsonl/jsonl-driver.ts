import type { Clock, TimerHandle } from '../../hub/core/clock.ts';
import { HubError } from '../../hub/core/hub-error.ts';
import type { Logger } from '../../hub/core/logger.ts';
import { parseInput } from '../../hub/core/parse-input.ts';
import {
  type BridgeFrame,
  type EntityFrame,
  type McuFrame,
  mcuFrame,
  SERIAL_PROTOCOL_VERSION,
} from '../../hub/protocol/serial-frames.ts';
import { decodeLine, encodeLine } from '../../hub/protocol/serial-line.ts';
import type { McuCommand, McuDriver, McuEntity, McuEvents } from '../mcu/mcu-driver.ts';
import type { ByteStream } from '../serial/byte-stream.ts';
import { LineSplitter } from '../serial/line-splitter.ts';

export interface JsonLinesOptions {
  readonly path: string;
  readonly ackTimeoutMs: number;
  readonly retries: number;
  readonly pingIntervalMs: number;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** Unanswered pings (or hellos) before the MCU is marked unavailable. */
const MISSED_PINGS_OFFLINE = 3;

interface PendingCommand {
  readonly settle: (acknowledged: boolean) => void;
}

/**
 * The JSON-lines protocol (firmware-bridge/PROTOCOL.md), bridge side: asks for a hello on
 * open and every `pingIntervalMs` until it comes; then pings on silence. Commands carry a sequence
 * number and are repeated until acknowledged, `retries` times at most.
 */
export class JsonLinesDriver implements McuDriver {
  readonly #options: JsonLinesOptions;
  readonly #events: McuEvents;
  readonly #splitter: LineSplitter;
  readonly #pending = new Map<number, PendingCommand>();
  #stream: ByteStream | undefined;
  #onData: ((chunk: Buffer) => void) | undefined;
  #ready = false;
  /** Send CRCs: the MCU's hello asked for them. */
  #crc = false;
  #sequence = 0;
  #lastHeard = 0;
  #missed = 0;
  #ticker: TimerHandle | undefined;

  constructor(options: JsonLinesOptions, events: McuEvents) {
    this.#options = options;
    this.#events = events;
    this.#splitter = new LineSplitter(
      (line) => this.#onLine(line),
      () => this.#events.frame('line too long'),
    );
  }

  attach(stream: ByteStream): void {
    this.#stream = stream;
    this.#onData = (chunk) => this.#splitter.push(chunk);
    stream.on('data', this.#onData);
    this.#missed = 0;
    this.#send({ t: 'hello', proto: SERIAL_PROTOCOL_VERSION });
    this.#tick();
  }

  detach(reason: string): void {
    if (this.#stream && this.#onData) this.#stream.off('data', this.#onData);
    this.#stream = undefined;
    this.#splitter.reset();
    if (this.#ticker !== undefined) this.#options.clock.clearTimeout(this.#ticker);
    this.#failPending();
    if (this.#ready) this.#events.offline(reason);
    this.#ready = false;
  }

  stop(): void {
    this.detach('bridge stopping');
  }

  async command(key: string, command: McuCommand): Promise<boolean> {
    if (!this.#ready) return false;
    this.#sequence = (this.#sequence % 65535) + 1;
    const s = this.#sequence;
    const frame: BridgeFrame = {
      t: 'cmd',
      s,
      e: key,
      v: command.on,
      ...(command.brightness !== undefined ? { bri: command.brightness } : {}),
    };
    const { clock, ackTimeoutMs, retries, logger, path } = this.#options;
    for (let attempt = 0; attempt <= retries && this.#ready; attempt++) {
      const answer = new Promise<boolean | undefined>((resolve) => {
        const timer = clock.setTimeout(() => {
          this.#pending.delete(s);
          resolve(undefined);
        }, ackTimeoutMs);
        this.#pending.set(s, {
          settle: (acknowledged) => {
            clock.clearTimeout(timer);
            this.#pending.delete(s);
            resolve(acknowledged);
          },
        });
      });
      this.#send(frame);
      const acknowledged = await answer;
      if (acknowledged !== undefined) return acknowledged;
    }
    logger.warn(
      `${path}: no ack for ${key} (seq ${s}) after ${retries + 1} tries; its state is left as reported`,
    );
    return false;
  }

  #onLine(line: string): void {
    const decoded = decodeLine(line);
    if (!decoded.ok) {
      this.#badFrame(decoded.reason, line);
      return;
    }
    let frame: McuFrame;
    try {
      frame = parseInput(mcuFrame, decoded.value, 'frame');
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      this.#badFrame(error.message, line);
      return;
    }
    this.#events.frame();
    this.#lastHeard = this.#options.clock.now();
    this.#missed = 0;
    this.#handle(frame);
  }

  #handle(frame: McuFrame): void {
    switch (frame.t) {
      case 'hello':
        this.#crc = frame.crc === true;
        this.#ready = true;
        this.#events.online({ name: frame.name, model: frame.model, sw: frame.sw });
        return;
      case 'ent':
        if (this.#ready) this.#events.entity(entityOf(frame));
        return;
      case 'st':
        if (this.#ready) this.#events.state(frame.e, frame.bri === undefined ? { v: frame.v } : frame);
        return;
      case 'ack':
        this.#pending.get(frame.s)?.settle(true);
        return;
      case 'err':
        this.#options.logger.warn(
          `${this.#options.path}: MCU error ${frame.code}${frame.msg ? `: ${frame.msg}` : ''}${frame.s ? ` (seq ${frame.s})` : ''}`,
        );
        if (frame.s !== undefined) this.#pending.get(frame.s)?.settle(false);
        return;
      case 'pong':
        return;
    }
  }

  #badFrame(problem: string, line: string): void {
    this.#events.frame(problem);
    this.#options.logger.debug(`${this.#options.path}: skipped a line (${problem}): ${line.slice(0, 80)}`);
  }

  /** Before the hello: ask for it. After: ping when the line has been quiet. */
  #tick(): void {
    const { clock, pingIntervalMs } = this.#options;
    this.#ticker = clock.setTimeout(() => {
      if (this.#stream === undefined) return;
      if (!this.#ready) {
        this.#send({ t: 'hello', proto: SERIAL_PROTOCOL_VERSION });
      } else if (clock.now() - this.#lastHeard >= pingIntervalMs) {
        if (++this.#missed >= MISSED_PINGS_OFFLINE) {
          this.#ready = false;
          this.#failPending();
          this.#events.offline(`no answer to ${MISSED_PINGS_OFFLINE} pings`);
        } else {
          this.#sequence = (this.#sequence % 65535) + 1;
          this.#send({ t: 'ping', s: this.#sequence });
        }
      }
      this.#tick();
    }, pingIntervalMs);
  }

  #send(frame: BridgeFrame): void {
    this.#stream?.write(encodeLine(frame, this.#crc));
  }

  #failPending(): void {
    for (const pending of [...this.#pending.values()]) pending.settle(false);
  }
}

function entityOf(frame: EntityFrame): McuEntity {
  return {
    key: frame.e,
    component: frame.c,
    ...(frame.n !== undefined ? { name: frame.n } : {}),
    ...(frame.dim !== undefined ? { dimmable: frame.dim } : {}),
    ...(frame.dev_cla !== undefined ? { deviceClass: frame.dev_cla } : {}),
    ...(frame.unit_of_meas !== undefined ? { unit: frame.unit_of_meas } : {}),
    ...(frame.stat_cla !== undefined ? { stateClass: frame.stat_cla } : {}),
    ...(frame.ent_cat !== undefined ? { entityCategory: frame.ent_cat } : {}),
    ...(frame.ic !== undefined ? { icon: frame.ic } : {}),
  };
}
