import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { mqttClientConfigSchema } from './mqtt-client-config.ts';

const port = z.number().int('must be an integer').min(0, 'must be 0..65535').max(65535, 'must be 0..65535');

/**
 * The hub's configuration: one schema, with its defaults and units in the key names. Sources, each
 * overriding the one before: defaults, the `--config` JSON file, `HEARTH_*` environment variables
 * (derived from the key: `httpPort` ← `HEARTH_HTTP_PORT`), command-line flags. Validated once at
 * start, frozen, and passed down.
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
  /** The built panel; tests and development may point elsewhere. */
  uiDir: z.string().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type HubConfig = Readonly<z.output<typeof hubConfigSchema>>;
export type HubConfigInput = z.input<typeof hubConfigSchema>;

const envName = (key: string): string => `HEARTH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Reads and merges every source; throws HubError `invalid_format` with the offending key. */
export function loadHubConfig(options: {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  flags?: Partial<HubConfigInput>;
}): HubConfig {
  let fromFile: Record<string, unknown> = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new Error(
        `cannot read config file ${options.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`config file ${options.file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  const env = options.env ?? {};
  for (const [key, schema] of Object.entries(hubConfigSchema.shape)) {
    const value = env[envName(key)];
    if (value === undefined) continue;
    const inner =
      schema instanceof z.ZodDefault || schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    fromEnv[key] =
      inner instanceof z.ZodNumber
        ? Number(value)
        : inner instanceof z.ZodArray
          ? value.split(',').filter(Boolean)
          : value;
  }
  const flags = Object.fromEntries(Object.entries(options.flags ?? {}).filter(([, v]) => v !== undefined));
  const merged = { ...fromFile, ...fromEnv, ...flags };
  return Object.freeze(parseInput(hubConfigSchema, merged, 'config'));
}
