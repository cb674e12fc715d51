import { z } from 'zod';
import { describeConfigIssue } from './config-issue.ts';
import { configFromEnv } from './config-keys.ts';
import { mqttClientConfigSchema } from './mqtt-client-config.ts';
import { mqttConfigSchema } from './mqtt-config.ts';
import { readConfigFile } from './read-config-file.ts';

const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
/** The parts of the hub with a logger of their own (hub.ts), each a key of `logLevels`. */
export const LOG_MODULES = ['api', 'broker', 'mqtt', 'discovery', 'recorder', 'core'] as const;

const port = z.number().int('must be an integer').min(0, 'must be 0..65535').max(65535, 'must be 0..65535');

/**
 * The hub's configuration: one schema, with its defaults and units in the key names. Sources, each
 * overriding the one before: defaults, the `--config` file (`hearth.yaml`, or JSON), `HEARTH_*` environment variables
 * (derived from the key: `httpPort` ← `HEARTH_HTTP_PORT`), command-line flags. Validated once at
 * start, frozen, and passed down. Every key is documented in config-docs.ts, which `hearth config keys`
 * and README's reference are written from.
 */
export const hubConfigSchema = z.strictObject({
  /** Where the database lives. */
  dataDir: z.string().min(1).default('./hearth-data'),
  /** Interface for HTTP and the embedded broker; loopback unless told otherwise (DESIGN.md §6). */
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port, which the hub prints. */
  httpPort: port.default(8080),
  mqttPort: port.default(1883),
  /** An external broker (`mqtt://user:pass@host:1883`) instead of the embedded one. */
  mqttUrl: z
    .string()
    .regex(/^mqtts?:\/\//, 'must start with mqtt:// or mqtts://')
    .optional(),
  /** TLS, credentials and reconnect pacing of the hub's client to `mqttUrl` (mqtt-client-config.ts). */
  mqttClient: mqttClientConfigSchema.prefault({}),
  discoveryPrefix: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'must be one topic level')
    .default('homeassistant'),
  /** How long `call_service` waits for a device to confirm before `device_timeout`. */
  commandTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
  /** Origins allowed on the WebSocket besides the hub's own, exactly as browsers send them. */
  allowedOrigins: z.array(z.string().url()).default([]),
  /** Largest WebSocket message accepted from a client. */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  /** WebSocket messages one connection may send per second, sustained; more get `rate_limited`. */
  messagesPerSecond: z.number().min(1).max(100_000).default(100),
  /** …and at once, after a quiet spell (a panel's burst on connect). */
  messageBurst: z.number().int().min(1).max(100_000).default(200),
  /** Bytes waiting to go to one WebSocket client before it is closed as too slow (it resyncs). */
  maxBufferedBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** HTTPS and WSS for the panel and the APIs, from PEM files; plain HTTP without. */
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  /** How long the access token of a login lives; the panel refreshes it with its refresh token. */
  accessTokenTtlMs: z
    .number()
    .int()
    .min(1000)
    .max(24 * 60 * 60 * 1000)
    .default(30 * 60 * 1000),
  /** Failed logins from one address that get it banned from the hub; 0: throttled, never banned. */
  loginBanAfterFailures: z.number().int().min(0).max(10_000).default(10),
  /** Failed logins are forgotten once none has come for this long. */
  loginFailureWindowMs: z
    .number()
    .int()
    .min(1000)
    .default(60 * 60 * 1000),
  loginBanMs: z
    .number()
    .int()
    .min(1000)
    .default(60 * 60 * 1000),
  /** Loopback is only slowed down, never banned, unless this is true. */
  loginBanLoopback: z.boolean().default(false),
  /** The built panel; tests and development may point elsewhere. */
  uiDir: z.string().optional(),
  logLevel: logLevelSchema.default('info'),
  /** `auto`: human-readable lines on a terminal, JSON lines otherwise. */
  logFormat: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Levels of parts of the hub over `logLevel`, e.g. `{ discovery: 'debug' }`; the parts are those of hub.ts. */
  logLevels: z
    .strictObject(Object.fromEntries(LOG_MODULES.map((module) => [module, logLevelSchema.optional()])))
    .default({}),
  /** History (`HEARTH_RECORDER_KEEP_DAYS`, …): states kept `keepDays`, 5-minute statistics `statisticsKeepDays`. */
  recorder: z
    .strictObject({
      keepDays: z.number().int().min(1).max(3650).default(10),
      statisticsKeepDays: z.number().int().min(1).max(36_500).default(365),
    })
    .prefault({}),
  /** The embedded broker's listeners, credentials and ACL: see mqtt-config.ts. */
  mqtt: mqttConfigSchema.prefault({}),
});

export type HubConfig = Readonly<z.output<typeof hubConfigSchema>>;
export type HubConfigInput = z.input<typeof hubConfigSchema>;

/**
 * Reads and merges every source; throws with the offending key and where it was set (the file and
 * its line, the `HEARTH_*` variable), and for an unknown key the known one it probably meant.
 */
export function loadHubConfig(options: {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  flags?: Partial<HubConfigInput>;
}): HubConfig {
  const file = options.file ? readConfigFile(options.file) : undefined;
  const fromEnv = configFromEnv(options.env ?? {});
  const flags = Object.fromEntries(Object.entries(options.flags ?? {}).filter(([, v]) => v !== undefined));
  const merged = deepMerge(deepMerge(file?.data ?? {}, fromEnv), flags);
  const result = hubConfigSchema.safeParse(merged);
  const issue = result.error?.issues[0];
  if (issue) throw new Error(describeConfigIssue(issue, merged, file));
  return Object.freeze(result.data as z.output<typeof hubConfigSchema>);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Later sources win key by key, inside nested objects too (`tls.key` from the environment, `tls.cert` from the file). */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}
