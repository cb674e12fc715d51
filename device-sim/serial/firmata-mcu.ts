import type { SerialWire } from './jsonl-mcu.ts';

// Firmata 2.5 (https://github.com/firmata/protocol/blob/master/protocol.md).
const DIGITAL_MESSAGE = 0x90;
const ANALOG_MESSAGE = 0xe0;
const REPORT_ANALOG = 0xc0;
const REPORT_DIGITAL = 0xd0;
const START_SYSEX = 0xf0;
const SET_PIN_MODE = 0xf4;
const SET_DIGITAL_PIN_VALUE = 0xf5;
const END_SYSEX = 0xf7;
const REPORT_VERSION = 0xf9;
const SYSTEM_RESET = 0xff;
const ANALOG_MAPPING_QUERY = 0x69;
const ANALOG_MAPPING_RESPONSE = 0x6a;
const CAPABILITY_QUERY = 0x6b;
const CAPABILITY_RESPONSE = 0x6c;
const PIN_STATE_QUERY = 0x6d;
const PIN_STATE_RESPONSE = 0x6e;
const EXTENDED_ANALOG = 0x6f;
const QUERY_FIRMWARE = 0x79;
const SAMPLING_INTERVAL = 0x7a;

export const MODE = { INPUT: 0, OUTPUT: 1, ANALOG: 2, PWM: 3, PULLUP: 0x0b } as const;

/** An Arduino Uno: pins 0 and 1 are the serial port; PWM on 3, 5, 6, 9, 10, 11; A0–A5 are 14–19. */
const PIN_COUNT = 20;
const PWM_PINS = new Set([3, 5, 6, 9, 10, 11]);
const FIRST_ANALOG_PIN = 14;
const FIRMWARE = 'StandardFirmata.ino';

interface Pin {
  mode: number;
  /** Output: the value written (0/1, or the PWM duty). Input: the level read. */
  value: number;
}

/** How many data bytes follow each command byte (sysex aside). */
function dataBytes(command: number): number {
  const high = command & 0xf0;
  if (high === DIGITAL_MESSAGE || high === ANALOG_MESSAGE) return 2;
  if (high === REPORT_ANALOG || high === REPORT_DIGITAL) return 1;
  if (command === SET_PIN_MODE || command === SET_DIGITAL_PIN_VALUE) return 2;
  return 0;
}

/**
 * An Arduino Uno running StandardFirmata 2.5, enough for firmata-io: it reports its version and
 * firmware on boot and when asked, answers the capability, analog mapping and pin state queries,
 * sets pin modes, writes digital ports and PWM duties, and reports analog channels and digital
 * ports that the host asked for, as the sketch does.
 */
export class FirmataMcu {
  readonly #pins: Pin[] = [];
  /** The voltages on A0–A5 as 10-bit readings: physics, which a reset leaves alone. */
  readonly #analog: number[] = new Array(PIN_COUNT - FIRST_ANALOG_PIN).fill(0);
  readonly #analogReporting = new Set<number>();
  readonly #digitalReporting = new Set<number>();
  readonly #log: ((line: string) => void) | undefined;
  #wire: SerialWire | undefined;
  #onData: ((chunk: Buffer) => void) | undefined;
  #message: number[] = [];
  #samplingMs = 19;
  #sampler: ReturnType<typeof setInterval> | undefined;

  constructor(options: { log?: (line: string) => void } = {}) {
    this.#log = options.log;
    this.#reset();
  }

  attach(wire: SerialWire): void {
    this.detach();
    this.#wire = wire;
    this.#onData = (chunk) => {
      for (const byte of chunk) this.#receive(byte);
    };
    wire.input.on('data', this.#onData);
    this.#restartSampler();
    // StandardFirmata's setup() announces itself.
    this.#sendVersion();
    this.#sendFirmware();
  }

  detach(): void {
    if (this.#wire && this.#onData) this.#wire.input.off('data', this.#onData);
    this.#wire = undefined;
    clearInterval(this.#sampler);
    this.#reset();
  }

  pin(pin: number): Readonly<Pin> | undefined {
    return this.#pins[pin];
  }

  /** A voltage on an analog input, as a 10-bit reading. */
  setAnalog(channel: number, raw: number): void {
    if (channel >= 0 && channel < this.#analog.length)
      this.#analog[channel] = Math.max(0, Math.min(1023, Math.round(raw)));
  }

  /** A level on a digital input: reported at once when its port is reported. */
  setDigital(pinNumber: number, level: 0 | 1): void {
    const pin = this.#pins[pinNumber];
    if (pin === undefined || pin.value === level) return;
    pin.value = level;
    const port = pinNumber >> 3;
    if (this.#digitalReporting.has(port)) this.#sendPort(port);
  }

  writeRaw(data: Uint8Array): void {
    this.#wire?.write(data);
  }

  #reset(): void {
    this.#pins.length = 0;
    for (let i = 0; i < PIN_COUNT; i++)
      this.#pins.push({ mode: i >= FIRST_ANALOG_PIN ? MODE.ANALOG : MODE.OUTPUT, value: 0 });
    this.#analogReporting.clear();
    this.#digitalReporting.clear();
    this.#message = [];
  }

  #receive(byte: number): void {
    const message = this.#message;
    if (message[0] === START_SYSEX) {
      if (byte === END_SYSEX) {
        this.#sysex(message.slice(1));
        this.#message = [];
      } else message.push(byte);
      return;
    }
    if (byte >= 0x80) {
      this.#message = [byte];
      if (byte !== START_SYSEX && dataBytes(byte) === 0) this.#command([byte]);
      return;
    }
    if (message.length === 0) return; // a stray data byte: the sketch drops it too
    message.push(byte);
    if (message.length === 1 + dataBytes(message[0] as number)) {
      this.#command(message);
      this.#message = [];
    }
  }

  #command([command = 0, a = 0, b = 0]: number[]): void {
    const high = command & 0xf0;
    if (command === REPORT_VERSION) this.#sendVersion();
    else if (command === SYSTEM_RESET) this.#reset();
    else if (command === SET_PIN_MODE) this.#setMode(a, b);
    else if (command === SET_DIGITAL_PIN_VALUE) this.#writeDigital(a, b);
    else if (high === DIGITAL_MESSAGE) {
      const port = command & 0x0f;
      const bits = a | (b << 7);
      for (let i = 0; i < 8; i++) this.#writeDigital(port * 8 + i, (bits >> i) & 1);
    } else if (high === ANALOG_MESSAGE) this.#writePwm(command & 0x0f, a | (b << 7));
    else if (high === REPORT_ANALOG) {
      if (a) this.#analogReporting.add(command & 0x0f);
      else this.#analogReporting.delete(command & 0x0f);
    } else if (high === REPORT_DIGITAL) {
      const port = command & 0x0f;
      if (a) {
        this.#digitalReporting.add(port);
        this.#sendPort(port);
      } else this.#digitalReporting.delete(port);
    }
  }

  #sysex([command, ...data]: number[]): void {
    switch (command) {
      case QUERY_FIRMWARE:
        this.#sendFirmware();
        return;
      case CAPABILITY_QUERY: {
        const body: number[] = [];
        for (let i = 0; i < PIN_COUNT; i++) {
          if (i >= 2) body.push(MODE.INPUT, 1, MODE.OUTPUT, 1, MODE.PULLUP, 1);
          if (PWM_PINS.has(i)) body.push(MODE.PWM, 8);
          if (i >= FIRST_ANALOG_PIN) body.push(MODE.ANALOG, 10);
          body.push(0x7f);
        }
        this.#write([START_SYSEX, CAPABILITY_RESPONSE, ...body, END_SYSEX]);
        return;
      }
      case ANALOG_MAPPING_QUERY: {
        const body = this.#pins.map((_, i) => (i >= FIRST_ANALOG_PIN ? i - FIRST_ANALOG_PIN : 0x7f));
        this.#write([START_SYSEX, ANALOG_MAPPING_RESPONSE, ...body, END_SYSEX]);
        return;
      }
      case PIN_STATE_QUERY: {
        const number = data[0] ?? 0;
        const pin = this.#pins[number];
        if (pin === undefined) return;
        // For an input the state is its pull-up; for an output, what was written.
        const state =
          pin.mode === MODE.INPUT || pin.mode === MODE.PULLUP ? Number(pin.mode === MODE.PULLUP) : pin.value;
        const bytes = [state & 0x7f];
        for (let rest = state >> 7; rest > 0; rest >>= 7) bytes.push(rest & 0x7f);
        this.#write([START_SYSEX, PIN_STATE_RESPONSE, number, pin.mode, ...bytes, END_SYSEX]);
        return;
      }
      case EXTENDED_ANALOG: {
        const [pin = 0, ...value] = data;
        this.#writePwm(
          pin,
          value.reduce((sum, byte, i) => sum | (byte << (7 * i)), 0),
        );
        return;
      }
      case SAMPLING_INTERVAL:
        this.#samplingMs = Math.max(10, (data[0] ?? 0) | ((data[1] ?? 0) << 7));
        this.#restartSampler();
        return;
    }
  }

  #setMode(number: number, mode: number): void {
    const pin = this.#pins[number];
    if (pin === undefined) return;
    pin.mode = mode;
    // An output starts low; an input with its pull-up reads high until something pulls it down.
    if (mode === MODE.OUTPUT || mode === MODE.PWM) pin.value = 0;
    else if (mode === MODE.PULLUP) pin.value = 1;
  }

  #writeDigital(number: number, value: number): void {
    const pin = this.#pins[number];
    if (pin === undefined || pin.mode !== MODE.OUTPUT) return;
    if (pin.value === value) return;
    pin.value = value;
    this.#log?.(`firmata: pin ${number} = ${value}`);
  }

  #writePwm(number: number, duty: number): void {
    const pin = this.#pins[number];
    if (pin === undefined || pin.mode !== MODE.PWM) return;
    pin.value = duty;
    this.#log?.(`firmata: pin ${number} PWM = ${duty}`);
  }

  #restartSampler(): void {
    clearInterval(this.#sampler);
    if (this.#wire === undefined) return;
    this.#sampler = setInterval(() => {
      for (const channel of this.#analogReporting) {
        const value = this.#analog[channel] ?? 0;
        this.#write([ANALOG_MESSAGE | channel, value & 0x7f, (value >> 7) & 0x7f]);
      }
    }, this.#samplingMs);
    this.#sampler.unref();
  }

  #sendVersion(): void {
    this.#write([REPORT_VERSION, 2, 5]);
  }

  #sendFirmware(): void {
    const name = [...Buffer.from(FIRMWARE)].flatMap((byte) => [byte & 0x7f, byte >> 7]);
    this.#write([START_SYSEX, QUERY_FIRMWARE, 2, 5, ...name, END_SYSEX]);
  }

  #sendPort(port: number): void {
    let bits = 0;
    for (let i = 0; i < 8; i++) {
      const pin = this.#pins[port * 8 + i];
      if (pin && (pin.mode === MODE.INPUT || pin.mode === MODE.PULLUP) && pin.value) bits |= 1 << i;
    }
    this.#write([DIGITAL_MESSAGE | port, bits & 0x7f, (bits >> 7) & 0x7f]);
  }

  #write(bytes: number[]): void {
    this.#wire?.write(Uint8Array.from(bytes));
  }
}
