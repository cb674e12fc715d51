import type { SerialComponent, StateValue } from '../../hub/protocol/serial-frames.ts';
import type { ByteStream } from '../serial/byte-stream.ts';

/** An entity an MCU serves, whichever protocol announced it. */
export interface McuEntity {
  readonly key: string;
  readonly component: SerialComponent;
  readonly name?: string;
  /** A light with a brightness 0..255. */
  readonly dimmable?: boolean;
  readonly deviceClass?: string;
  readonly unit?: string;
  readonly stateClass?: 'measurement' | 'total' | 'total_increasing';
  readonly entityCategory?: 'config' | 'diagnostic';
  readonly icon?: string;
}

/** A state the MCU reported: `v` on/off or a reading, `bri` a light's brightness. */
export interface McuState {
  readonly v: StateValue;
  readonly bri?: number;
}

/** What to set: on or off, and a light's brightness. */
export interface McuCommand {
  readonly on: boolean;
  readonly brightness?: number;
}

/** Who the MCU says it is. */
export interface McuInfo {
  readonly name?: string;
  readonly model?: string;
  readonly sw?: string;
}

/** What a driver tells the MQTT side about its MCU. Every value here came from the MCU. */
export interface McuEvents {
  online(info: McuInfo): void;
  offline(reason: string): void;
  entity(entity: McuEntity): void;
  state(key: string, state: McuState): void;
  /** One frame received: well-formed or not (`problem` says why not). */
  frame(problem?: string): void;
}

/** A protocol spoken over one serial port. */
export interface McuDriver {
  /** The port opened: speak over this stream until `detach`. */
  attach(stream: ByteStream): void;
  /** The port closed: the MCU is unavailable; pending commands fail. */
  detach(reason: string): void;
  /**
   * Sends a command; resolves true once the MCU acknowledged it, false when it refused, did not
   * answer in time, or is not there. The new state comes from the MCU, through `McuEvents.state`.
   */
  command(key: string, command: McuCommand): Promise<boolean>;
  stop(): void;
}
