import firmataIo, { type Firmata } from 'firmata-io';
import type { Clock, TimerHandle } from '../../hub/core/clock.ts';
import type { Logger } from '../../hub/core/logger.ts';
import type { PinConfig } from '../bridge-config.ts';
import type { McuCommand, McuDriver, McuEvents } from '../mcu/mcu-driver.ts';
import type { ByteStream } from '../serial/byte-stream.ts';
import { type FirmataPinEntity, firmataPinEntities, scaleReading } from './firmata-pins.ts';
import { FirmataTransport } from './firmata-transport.ts';

export interface FirmataDriverOptions {
  readonly path: string;
  readonly pins: readonly PinConfig[];
  readonly ackTimeoutMs: number;
  readonly samplingIntervalMs: number;
  readonly analogReportMs: number;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** How often the version is asked for until the board answers (an Uno boots for ~2 s after open). */
const HANDSHAKE_RETRY_MS = 1000;

/**
 * A stock Arduino running StandardFirmata, through firmata-io: the configured pins become
 * entities. Firmata has no acknowledgement, so a write is confirmed by asking the board for the
 * pin's state (PIN_STATE_QUERY), and the state published is the one the board answers.
 */
export class FirmataDriver implements McuDriver {
  readonly #options: FirmataDriverOptions;
  readonly #events: McuEvents;
  readonly #pins: ReadonlyMap<string, FirmataPinEntity>;
  #board: Firmata | undefined;
  #transport: FirmataTransport | undefined;
  #ready = false;
  #handshake: TimerHandle | undefined;
  readonly #lastPublished = new Map<string, { value: number; at: number }>();
  /** A dimmable light's brightness before it was turned off, to turn it back on at. */
  readonly #lastBrightness = new Map<string, number>();

  /** Throws when two pins share a key or a pin. */
  constructor(options: FirmataDriverOptions, events: McuEvents) {
    this.#options = options;
    this.#events = events;
    this.#pins = new Map(firmataPinEntities(options.pins).map((pin) => [pin.entity.key, pin]));
  }

  attach(stream: ByteStream): void {
    const transport = new FirmataTransport(stream, (problem) => this.#events.frame(problem));
    const board = new firmataIo.Firmata(transport, { reportVersionTimeout: HANDSHAKE_RETRY_MS });
    this.#transport = transport;
    this.#board = board;
    board.on('error', (error: Error) => this.#options.logger.warn(`${this.#options.path}: ${error.message}`));
    board.once('ready', () => this.#configure(board));
    this.#askVersion(board);
  }

  detach(reason: string): void {
    const { clock } = this.#options;
    if (this.#handshake !== undefined) clock.clearTimeout(this.#handshake);
    this.#transport?.detach();
    this.#board?.removeAllListeners();
    this.#board = undefined;
    this.#transport = undefined;
    this.#lastPublished.clear();
    if (this.#ready) this.#events.offline(reason);
    this.#ready = false;
  }

  stop(): void {
    this.detach('bridge stopping');
  }

  async command(key: string, command: McuCommand): Promise<boolean> {
    const board = this.#board;
    const pin = this.#pins.get(key);
    if (!this.#ready || board === undefined || pin === undefined) return false;
    const { config } = pin;
    if (config.mode === 'output') {
      board.digitalWrite(config.pin, command.on ? 1 : 0);
      const state = await this.#pinState(board, config.pin);
      if (state === undefined) return false;
      this.#events.state(key, { v: state !== 0 });
      return (state !== 0) === command.on;
    }
    if (config.mode === 'pwm') {
      const brightness = command.on ? (command.brightness ?? this.#lastBrightness.get(key) ?? 255) : 0;
      const duty = Math.round((brightness * this.#pwmMax(board)) / 255);
      board.analogWrite(config.pin, duty);
      const state = await this.#pinState(board, config.pin);
      if (state === undefined) return false;
      this.#publishPwm(board, key, state);
      return state === duty;
    }
    return false;
  }

  /** REPORT_VERSION and QUERY_FIRMWARE until the board answers; firmata-io then queries its pins. */
  #askVersion(board: Firmata): void {
    const { clock } = this.#options;
    this.#handshake = clock.setTimeout(() => {
      if (this.#board !== board || board.isReady) return;
      board.reportVersion(() => {});
      board.queryFirmware(() => {});
      this.#askVersion(board);
    }, HANDSHAKE_RETRY_MS);
  }

  #configure(board: Firmata): void {
    const { logger, path, samplingIntervalMs } = this.#options;
    if (this.#handshake !== undefined) this.#options.clock.clearTimeout(this.#handshake);
    this.#ready = true;
    board.setSamplingInterval(samplingIntervalMs);
    const { name, version } = board.firmware;
    this.#events.online({
      ...(name ? { name: name.replace(/\.ino$/, '') } : {}),
      model: 'Firmata',
      ...(version ? { sw: `${version.major}.${version.minor}` } : {}),
    });
    for (const pin of this.#pins.values()) {
      const problem = this.#unsupported(board, pin.config);
      if (problem !== undefined) {
        logger.error(`${path}: ${problem}; entity "${pin.entity.key}" left out`);
        continue;
      }
      this.#events.entity(pin.entity);
      this.#start(board, pin);
    }
  }

  #start(board: Firmata, { config, entity }: FirmataPinEntity): void {
    const key = entity.key;
    switch (config.mode) {
      case 'output':
        board.pinMode(config.pin, board.MODES.OUTPUT);
        void this.#pinState(board, config.pin).then((state) => {
          if (state === undefined) return;
          // firmata-io writes whole ports from its own copy: start it from what the board has.
          board.updateDigitalPort(config.pin, state);
          this.#events.state(key, { v: state !== 0 });
        });
        return;
      case 'pwm':
        board.pinMode(config.pin, board.MODES.PWM);
        void this.#pinState(board, config.pin).then((state) => {
          if (state !== undefined) this.#publishPwm(board, key, state);
        });
        return;
      case 'analog':
        board.pinMode(config.pin, board.MODES.ANALOG);
        board.analogRead(config.pin, (raw) => this.#onAnalog(key, config, raw));
        return;
      case 'input':
        board.pinMode(config.pin, config.pullup ? board.MODES.PULLUP : board.MODES.INPUT);
        board.digitalRead(config.pin, (value) => {
          if (this.#lastPublished.get(key)?.value === value) return;
          this.#lastPublished.set(key, { value, at: this.#options.clock.now() });
          this.#events.state(key, { v: (value !== 0) !== config.invert });
        });
        return;
    }
  }

  /** Changed readings only, and at most one per `analogReportMs`. */
  #onAnalog(key: string, config: Extract<PinConfig, { mode: 'analog' }>, raw: number): void {
    const value = scaleReading(config, raw);
    const now = this.#options.clock.now();
    const last = this.#lastPublished.get(key);
    if (last !== undefined && (last.value === value || now - last.at < this.#options.analogReportMs)) return;
    this.#lastPublished.set(key, { value, at: now });
    this.#events.state(key, { v: value });
  }

  #publishPwm(board: Firmata, key: string, duty: number): void {
    const brightness = Math.round((duty * 255) / this.#pwmMax(board));
    if (brightness > 0) this.#lastBrightness.set(key, brightness);
    this.#events.state(key, brightness > 0 ? { v: true, bri: brightness } : { v: false });
  }

  #pwmMax(board: Firmata): number {
    return board.RESOLUTION.PWM ?? 255;
  }

  /** The board's answer to a pin state query, or undefined when none comes in time. */
  #pinState(board: Firmata, pin: number): Promise<number | undefined> {
    const { clock, ackTimeoutMs, logger, path } = this.#options;
    return new Promise((resolve) => {
      const onState = (): void => {
        clock.clearTimeout(timer);
        resolve(board.pins[pin]?.state ?? 0);
      };
      const timer = clock.setTimeout(() => {
        board.off(`pin-state-${pin}`, onState);
        logger.warn(`${path}: pin ${pin}: the board did not confirm its state within ${ackTimeoutMs} ms`);
        resolve(undefined);
      }, ackTimeoutMs);
      board.queryPinState(pin, onState);
    });
  }

  /** Why the board cannot serve this pin as configured, from its capability report. */
  #unsupported(board: Firmata, config: PinConfig): string | undefined {
    if (config.mode === 'analog') {
      return board.analogPins[config.pin] === undefined
        ? `the board has no analog input A${config.pin} (it has ${board.analogPins.length})`
        : undefined;
    }
    const wanted = {
      output: board.MODES.OUTPUT,
      pwm: board.MODES.PWM,
      input: config.mode === 'input' && config.pullup ? board.MODES.PULLUP : board.MODES.INPUT,
    }[config.mode];
    const modes = board.pins[config.pin]?.supportedModes;
    if (modes === undefined) return `the board has no pin ${config.pin}`;
    return modes.includes(wanted)
      ? undefined
      : `pin ${config.pin} cannot be used as ${config.mode} on this board`;
  }
}
