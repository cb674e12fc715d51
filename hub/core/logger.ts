import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** A minimal leveled logger; passed in the context so tests can silence or capture it. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The logger of one part of the hub (`discovery`, `mqtt`, …), at its own level if configured; a module's child is another module, not a sub-module. */
  child(module: string): Logger;
  /** Hands each entry written, as pino's JSON line and whatever goes to stderr, to `listener` too (the panel's log); returns the function that stops it. */
  onEntry?(listener: (json: string) => void): () => void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface LoggerOptions {
  /** Levels of modules (`child(module)`) that differ from the hub's, e.g. `{ discovery: 'debug' }`. */
  levels?: Readonly<Record<string, LogLevel | undefined>>;
  /** `pretty`: one human-readable line per entry; `json`: JSON lines; `auto` (default): pretty when `write` is given or stderr is a terminal. */
  format?: 'auto' | 'json' | 'pretty';
}

/**
 * Keys that could hold a secret, censored should a part ever log an object: messages name users,
 * addresses and topics, never passwords or tokens.
 */
const REDACT = ['password', 'token', 'access_token', 'refresh_token', 'secret', 'authorization'].flatMap(
  (key) => [key, `*.${key}`],
);

/**
 * A pino logger (https://getpino.io) behind the `Logger` interface: JSON lines (one object per
 * entry, `module` naming the part) for journald or a log shipper, or pino-pretty's lines on a
 * terminal. `write` receives each finished line, without its newline; tests capture with it.
 */
export function createLogger(
  level: LogLevel,
  write?: (line: string) => void,
  options: LoggerOptions = {},
): Logger {
  const toStderr = write === undefined;
  const out = write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const format = options.format ?? 'auto';
  const pretty = format === 'auto' ? !toStderr || process.stderr.isTTY === true : format === 'pretty';
  const prettify = pretty
    ? prettyFactory({
        colorize: toStderr && process.stderr.isTTY === true,
        translateTime: 'SYS:standard',
        ignore: 'module',
        messageFormat: '{if module}[{module}] {end}{msg}',
      })
    : undefined;
  const listeners = new Set<(json: string) => void>();
  const onEntry = (listener: (json: string) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const root = pino(
    {
      level,
      // The process is the hub: pid and host name would repeat on every line what journald already has.
      base: null,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // pino writes each entry synchronously to this stream: a captured line is there when the call returns.
    {
      write: (json: string) => {
        for (const listener of listeners) listener(json);
        out((prettify ? prettify(json) : json).trimEnd());
      },
    },
  );
  const levels = options.levels ?? {};
  const wrap = (logger: pino.Logger): Logger => ({
    debug: (message) => logger.debug(message),
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
    child: (module) => wrap(root.child({ module }, { level: levels[module] ?? level })),
    onEntry,
  });
  return wrap(root);
}

export const silentLogger: Logger = createLogger('silent', () => {});
