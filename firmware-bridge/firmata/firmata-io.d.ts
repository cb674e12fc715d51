// The part of firmata-io (2.3, plain JavaScript, no types of its own) the Firmata driver uses.
declare module 'firmata-io' {
  import { EventEmitter } from 'node:events';

  export interface FirmataPin {
    supportedModes: number[];
    mode?: number;
    value: number;
    /** After a pin state query: the value last written to an output, or the pull-up of an input. */
    state?: number;
    analogChannel: number;
  }

  export interface FirmataOptions {
    reportVersionTimeout?: number;
    samplingInterval?: number;
    skipCapabilities?: boolean;
  }

  export class Firmata extends EventEmitter {
    constructor(transport: object, options?: FirmataOptions);
    readonly MODES: { INPUT: number; OUTPUT: number; ANALOG: number; PWM: number; PULLUP: number };
    readonly pins: FirmataPin[];
    readonly analogPins: number[];
    readonly isReady: boolean;
    readonly firmware: { name?: string; version?: { major: number; minor: number } };
    readonly version: { major?: number; minor?: number };
    readonly RESOLUTION: { ADC: number | null; PWM: number | null };
    reportVersion(callback: () => void): void;
    queryFirmware(callback: () => void): void;
    pinMode(pin: number, mode: number): void;
    digitalWrite(pin: number, value: number): void;
    analogWrite(pin: number, value: number): void;
    digitalRead(pin: number, callback: (value: number) => void): void;
    analogRead(channel: number, callback: (value: number) => void): void;
    queryPinState(pin: number, callback: () => void): void;
    setSamplingInterval(intervalMs: number): void;
    updateDigitalPort(pin: number, value: number): number;
  }

  const bindTransport: ((transport: unknown) => typeof Firmata) & { Firmata: typeof Firmata };
  export default bindTransport;
}
