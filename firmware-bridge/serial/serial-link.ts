import { SerialPort } from 'serialport';
import type { Logger } from '../../hub/core/logger.ts';
import type { ByteStream } from './byte-stream.ts';

export interface SerialLinkOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly dtr: boolean;
  readonly rts: boolean;
  /** The longest wait between two attempts to open the port. */
  readonly reopenMaxMs: number;
  readonly logger: Logger;
}

export interface SerialLinkHandler {
  /** The port is open: the stream is valid until `closed`. */
  opened(stream: ByteStream): void;
  closed(reason: string): void;
}

const FIRST_RETRY_MS = 100;

/**
 * One serial port kept open: opened by its path (never through `SerialPort.list()`, which needs
 * udev), and reopened with backoff (100 ms, doubling, up to `reopenMaxMs`) whenever it closes or
 * cannot be opened, which is what unplugging the cable does. The only module that imports
 * serialport.
 */
export class SerialLink {
  readonly #options: SerialLinkOptions;
  readonly #handler: SerialLinkHandler;
  #port: SerialPort | undefined;
  #retryMs = FIRST_RETRY_MS;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  /** The last open error logged, so a missing port is reported once and not every 2 s. */
  #lastError = '';

  constructor(options: SerialLinkOptions, handler: SerialLinkHandler) {
    this.#options = options;
    this.#handler = handler;
  }

  start(): void {
    this.#stopped = false;
    this.#open();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  #open(): void {
    if (this.#stopped) return;
    const { path, baudRate, logger } = this.#options;
    // hupcl off: closing the port must not reset an Arduino behind it on every reconnect.
    const port = new SerialPort({ path, baudRate, autoOpen: false, hupcl: false });
    port.open((error) => {
      if (this.#stopped) {
        if (!error) port.close();
        return;
      }
      if (error) {
        if (error.message !== this.#lastError)
          logger.warn(`${path}: cannot open: ${error.message}; retrying`);
        this.#lastError = error.message;
        this.#retry();
        return;
      }
      this.#lastError = '';
      this.#retryMs = FIRST_RETRY_MS;
      this.#port = port;
      logger.info(`${path}: open at ${baudRate} baud`);
      port.on('error', (problem) => logger.warn(`${path}: ${problem.message}`));
      port.once('close', (closeError?: Error) => this.#closed(port, closeError?.message ?? 'closed'));
      // A pty has no modem lines: setting them fails with ENOTTY, and that is fine.
      port.set({ dtr: this.#options.dtr, rts: this.#options.rts }, (setError) => {
        if (setError) logger.debug(`${path}: DTR/RTS not set: ${setError.message}`);
      });
      this.#handler.opened(port);
    });
  }

  #closed(port: SerialPort, reason: string): void {
    if (this.#port !== port) return;
    this.#port = undefined;
    this.#options.logger.warn(`${this.#options.path}: lost (${reason}); reopening`);
    this.#handler.closed(reason);
    this.#retry();
  }

  #retry(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#open(), this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, this.#options.reopenMaxMs);
  }
}
