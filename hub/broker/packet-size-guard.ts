import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

const CONNECT = 1;

/**
 * A socket as the broker sees it, with the fixed header of every MQTT packet read on the way
 * through (MQTT 3.1.1 §2.2): the connection ends at the first packet whose remaining length is
 * over `maxBytes`, as soon as its header arrives — mqtt-packet would otherwise buffer up to the
 * 256 MiB a remaining length can announce before it looks at the packet — and at a first packet
 * that is not CONNECT ([MQTT-3.1.0-1]), before anything else is buffered for it.
 */
export class PacketSizeGuard extends Duplex {
  #state: 'type' | 'length' | 'body' = 'type';
  #first = true;
  #length = 0;
  #multiplier = 1;
  #remaining = 0;

  constructor(
    readonly socket: Socket,
    private readonly maxBytes: number,
  ) {
    super({ allowHalfOpen: false });
    socket.on('data', (chunk: Buffer) => {
      const problem = this.#inspect(chunk);
      if (problem !== undefined) {
        // The broker sees the error on its connection, logs it with the client's address, and closes.
        socket.pause();
        this.destroy(new Error(problem));
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.socket.write(chunk)) callback();
    else this.socket.once('drain', () => callback());
  }

  /** mqtt-packet corks the stream around a packet's pieces: they leave in one write. */
  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ): void {
    let flushed = true;
    this.socket.cork();
    for (const { chunk } of chunks) flushed = this.socket.write(chunk);
    this.socket.uncork();
    if (flushed) callback();
    else this.socket.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }

  /** Follows packet boundaries through `chunk`; returns why the connection must end, if it must. */
  #inspect(chunk: Buffer): string | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'body') {
        const taken = Math.min(this.#remaining, chunk.length - i);
        this.#remaining -= taken;
        i += taken;
        if (this.#remaining === 0) this.#state = 'type';
      } else if (this.#state === 'type') {
        const type = (chunk[i] ?? 0) >> 4;
        if (this.#first && type !== CONNECT) return 'the first packet is not CONNECT [MQTT-3.1.0-1]';
        this.#first = false;
        i += 1;
        this.#state = 'length';
        this.#length = 0;
        this.#multiplier = 1;
      } else {
        const byte = chunk[i] ?? 0;
        i += 1;
        this.#length += (byte & 0x7f) * this.#multiplier;
        if (this.#length > this.maxBytes)
          return `a packet of more than ${this.maxBytes} bytes (mqtt.maxPacketBytes)`;
        if (byte & 0x80) {
          this.#multiplier *= 128;
          // §2.2.3: at most four bytes of remaining length.
          if (this.#multiplier > 128 ** 3) return 'a malformed remaining length [MQTT-2.2.3]';
          continue;
        }
        this.#remaining = this.#length;
        this.#state = this.#remaining === 0 ? 'type' : 'body';
      }
    }
    return undefined;
  }
}
