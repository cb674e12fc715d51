/**
 * An open serial port as the drivers see it: bytes in, bytes out. The serial link hands one to a
 * driver each time the port opens; after `close` it is dead and the next open brings a new one.
 * (It is serialport's own stream, which is also the transport `firmata-io` expects.)
 */
export interface ByteStream {
  write(data: Buffer | string, callback?: (error: Error | null | undefined) => void): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error' | 'open', listener: (...args: unknown[]) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
}
