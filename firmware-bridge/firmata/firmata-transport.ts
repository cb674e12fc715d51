import { EventEmitter } from 'node:events';
import type { ByteStream } from '../serial/byte-stream.ts';

/**
 * What firmata-io gets as its transport, between it and the serial port, for two reasons:
 * - firmata-io builds its own port with `new Transport(path, options)`, the serialport ≤ 9
 *   signature; serialport 13 takes one options object. Given an object instead, firmata-io uses it
 *   as it is (an emitter of `data` with a `write`), so the port is opened by the serial link;
 * - firmata-io's parser indexes its pin table with whatever pin number a message carries, and
 *   throws on garbage (a pin state response for pin 120): here the throw becomes a bad frame, not
 *   a crash of the bridge.
 * It also splits the byte stream into Firmata messages to count good and bad frames, since
 * Firmata has no checksum: a message is good when it is complete and well formed (MIDI-style
 * command byte with its data bytes, or a sysex F0 … F7); stray data bytes and cut messages are bad.
 */
export class FirmataTransport extends EventEmitter {
  readonly #stream: ByteStream;
  readonly #onData: (chunk: Buffer) => void;
  readonly #frame: (problem?: string) => void;
  /** Data bytes still expected by the current non-sysex message; -1 when between messages. */
  #expecting = -1;
  #inSysex = false;
  #strayRun = false;
  #detached = false;

  constructor(stream: ByteStream, frame: (problem?: string) => void) {
    super();
    this.#stream = stream;
    this.#frame = frame;
    this.#onData = (chunk) => {
      this.#count(chunk);
      try {
        this.emit('data', chunk);
      } catch (error) {
        this.#frame(`firmata-io could not read a message: ${error instanceof Error ? error.message : error}`);
      }
    };
    stream.on('data', this.#onData);
  }

  write(data: Buffer, callback?: (error: Error | null | undefined) => void): void {
    // firmata-io's own version timer may still fire after the port has gone.
    if (this.#detached) return;
    this.#stream.write(data, callback);
  }

  detach(): void {
    this.#detached = true;
    this.#stream.off('data', this.#onData);
    this.removeAllListeners();
  }

  #count(chunk: Buffer): void {
    for (const byte of chunk) {
      if (byte < 0x80) {
        if (this.#inSysex) continue;
        if (this.#expecting > 0) {
          if (--this.#expecting === 0) {
            this.#expecting = -1;
            this.#frame();
          }
        } else if (!this.#strayRun) {
          this.#strayRun = true;
          this.#frame('a data byte outside any message');
        }
        continue;
      }
      this.#strayRun = false;
      if (this.#expecting > 0 || (this.#inSysex && byte !== 0xf7)) this.#frame('a message cut short');
      if (byte === 0xf7) {
        this.#frame(this.#inSysex ? undefined : 'a sysex end without a start');
        this.#inSysex = false;
        this.#expecting = -1;
        continue;
      }
      this.#inSysex = byte === 0xf0;
      // What a board sends: REPORT_VERSION, DIGITAL_MESSAGE and ANALOG_MESSAGE, two data bytes each.
      this.#expecting = byte === 0xf9 || (byte & 0xf0) === 0x90 || (byte & 0xf0) === 0xe0 ? 2 : -1;
      if (!this.#inSysex && this.#expecting === -1)
        this.#frame(`a command byte 0x${byte.toString(16)} a board does not send`);
    }
  }
}
