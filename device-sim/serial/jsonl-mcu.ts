import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import {
  type BridgeFrame,
  bridgeFrame,
  type EntityFrame,
  SERIAL_PROTOCOL_VERSION,
  type StateValue,
} from '../../hub/protocol/serial-frames.ts';
import { decodeLine, encodeLine } from '../../hub/protocol/serial-line.ts';

/** Where an emulated MCU's bytes go and come from: a pty's far end. */
export interface SerialWire {
  readonly input: Readable;
  write(data: string | Uint8Array): void;
}

interface EntityValue {
  v: StateValue;
  bri?: number;
}

/** The entities of the emulated MCU, the reference firmware's and a few more. */
const ENTITIES: readonly EntityFrame[] = [
  { t: 'ent', e: 'relay', c: 'switch', n: 'Relay' },
  { t: 'ent', e: 'lamp', c: 'light', n: 'Lamp', dim: true },
  {
    t: 'ent',
    e: 'temperature',
    c: 'sensor',
    n: 'Temperature',
    dev_cla: 'temperature',
    unit_of_meas: '°C',
    stat_cla: 'measurement',
  },
  { t: 'ent', e: 'door', c: 'binary_sensor', n: 'Door', dev_cla: 'door' },
];

export interface JsonLinesMcuOptions {
  readonly name?: string;
  /** Put a CRC on every line and ask the bridge to do the same. */
  readonly crc?: boolean;
  /** Told every command the MCU carries out. */
  readonly log?: (line: string) => void;
}

/**
 * A microcontroller speaking hearth's JSON-lines protocol (firmware-bridge/PROTOCOL.md) as the
 * reference firmware does: a relay, a dimmable lamp, a temperature sensor and a door contact.
 * It answers every bridge hello with its own, its entities and their states; a command with a
 * state report and an ack; a ping with a pong; a line it cannot read with an `err` line.
 */
export class JsonLinesMcu {
  readonly #options: JsonLinesMcuOptions;
  readonly #values = new Map<string, EntityValue>([
    ['relay', { v: false }],
    ['lamp', { v: false, bri: 255 }],
    ['temperature', { v: 21.5 }],
    ['door', { v: false }],
  ]);
  #wire: SerialWire | undefined;
  #lines: Interface | undefined;
  /** Every command carried out, for tests: `relay=true`, `lamp=true@128`. */
  readonly commands: string[] = [];
  /** A firmware bug: commands are read and dropped, with neither ack nor state. Pings still answered. */
  ignoreCommands = false;

  constructor(options: JsonLinesMcuOptions = {}) {
    this.#options = options;
  }

  /** Plugs the MCU into a pty; like a board that has just booted, it says hello unasked. */
  attach(wire: SerialWire): void {
    this.detach();
    this.#wire = wire;
    this.#lines = createInterface({ input: wire.input, crlfDelay: Number.POSITIVE_INFINITY });
    this.#lines.on('line', (line) => this.#onLine(line));
    this.#announce();
  }

  detach(): void {
    this.#lines?.close();
    this.#lines = undefined;
    this.#wire = undefined;
  }

  value(key: string): EntityValue | undefined {
    return this.#values.get(key);
  }

  /** A reading changes (a sensor, the door): the MCU reports it. */
  set(key: 'temperature' | 'door', v: StateValue): void {
    this.#values.set(key, { v });
    this.#send({ t: 'st', e: key, v });
  }

  /** Raw bytes on the line, as noise on a cable would put there. */
  writeRaw(data: string | Uint8Array): void {
    this.#wire?.write(data);
  }

  #onLine(line: string): void {
    const decoded = decodeLine(line);
    const parsed = decoded.ok ? bridgeFrame.safeParse(decoded.value) : undefined;
    if (!decoded.ok || !parsed?.success) {
      this.#send({ t: 'err', code: 'bad_frame', msg: decoded.ok ? 'unknown frame' : decoded.reason });
      return;
    }
    this.#handle(parsed.data);
  }

  #handle(frame: BridgeFrame): void {
    switch (frame.t) {
      case 'hello':
        this.#announce();
        return;
      case 'ping':
        this.#send({ t: 'pong', s: frame.s });
        return;
      case 'cmd': {
        if (this.ignoreCommands) return;
        const entity = ENTITIES.find((e) => e.e === frame.e);
        if (entity === undefined || (entity.c !== 'switch' && entity.c !== 'light')) {
          this.#send({ t: 'err', s: frame.s, code: 'unknown_entity', msg: frame.e });
          return;
        }
        if (typeof frame.v !== 'boolean') {
          this.#send({ t: 'err', s: frame.s, code: 'bad_value', msg: 'v must be true or false' });
          return;
        }
        const before = this.#values.get(frame.e);
        const value: EntityValue =
          entity.dim === true ? { v: frame.v, bri: frame.bri ?? before?.bri ?? 255 } : { v: frame.v };
        this.#values.set(frame.e, value);
        const done = `${frame.e}=${frame.v}${value.bri !== undefined ? `@${value.bri}` : ''}`;
        this.commands.push(done);
        this.#options.log?.(`${this.#options.name ?? 'mcu'}: ${done}`);
        this.#sendState(frame.e);
        this.#send({ t: 'ack', s: frame.s });
        return;
      }
    }
  }

  #announce(): void {
    this.#send({
      t: 'hello',
      proto: SERIAL_PROTOCOL_VERSION,
      name: this.#options.name ?? 'Workbench',
      model: 'hearth sim (JSON lines)',
      sw: '1.0.0',
      ...(this.#options.crc ? { crc: true } : {}),
    });
    for (const entity of ENTITIES) this.#send(entity);
    for (const entity of ENTITIES) this.#sendState(entity.e);
  }

  #sendState(key: string): void {
    const value = this.#values.get(key);
    if (value !== undefined) this.#send({ t: 'st', e: key, ...value });
  }

  #send(frame: object): void {
    this.#wire?.write(encodeLine(frame, this.#options.crc === true));
  }
}
