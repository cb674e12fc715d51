import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CliError } from '../hub/cli/cli-error.ts';
import { entityKey } from '../hub/protocol/serial-frames.ts';

/**
 * The bridge's configuration file (JSON), validated once at start. Durations in milliseconds,
 * named so. `hearth flash` writes the same file onto the Pi.
 */
const name = z.string().min(1).max(64);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1–64 of A-Z, a-z, 0-9, _ and -' });
const optionalKey = entityKey.optional();

const digitalPin = z.number().int().min(0).max(127);
/** An analog input by its channel, as the Arduino names it: `A0`, `A1`, … */
const analogChannel = z
  .string()
  .regex(/^A([0-9]|1[0-5])$/, { error: 'an analog pin is named A0..A15' })
  .transform((pin) => Number(pin.slice(1)));
const pair = z.tuple([z.number(), z.number()]);

/** How a Firmata pin becomes an entity. */
export const pinSchema = z.discriminatedUnion('mode', [
  /** A digital output: a relay (switch) or a lamp (light) on or off. */
  z.object({
    mode: z.literal('output'),
    pin: digitalPin,
    component: z.enum(['switch', 'light']).default('switch'),
    id: optionalKey,
    name: name.optional(),
  }),
  /** A PWM output: a dimmable light, brightness 0..255 written as the duty cycle. */
  z.object({ mode: z.literal('pwm'), pin: digitalPin, id: optionalKey, name: name.optional() }),
  /** An analog input: a sensor, the raw reading mapped linearly from `scale.from` to `scale.to`. */
  z.object({
    mode: z.literal('analog'),
    pin: analogChannel,
    id: optionalKey,
    name: name.optional(),
    unit: z.string().max(16).optional(),
    deviceClass: z.string().max(32).optional(),
    scale: z.object({ from: pair.default([0, 1023]), to: pair }).optional(),
    /** Decimals kept after scaling; default 1 when scaled, 0 for raw readings. */
    decimals: z.number().int().min(0).max(6).optional(),
  }),
  /** A digital input: a binary sensor (a door contact, a button). */
  z.object({
    mode: z.literal('input'),
    pin: digitalPin,
    id: optionalKey,
    name: name.optional(),
    deviceClass: z.string().max(32).optional(),
    /** Use the MCU's internal pull-up (a contact to ground then reads 0 when closed). */
    pullup: z.boolean().default(false),
    /** Report `on` for a low pin. */
    invert: z.boolean().default(false),
  }),
]);
export type PinConfig = z.infer<typeof pinSchema>;

const portCommon = {
  path: z.string().min(1),
  /** The MCU's device id under the bridge; default: the port's file name (`ttyACM0`). */
  id: id.optional(),
  name: name.optional(),
  /** Assert DTR and RTS after opening: an ATmega32u4 board (Leonardo, Micro) sends nothing without DTR. */
  dtr: z.boolean().default(true),
  rts: z.boolean().default(true),
};

export const portSchema = z.discriminatedUnion('protocol', [
  z.object({
    ...portCommon,
    protocol: z.literal('jsonl'),
    baudRate: z.number().int().positive().default(115200),
    /** How long a command waits for its `ack` before it is sent again. */
    ackTimeoutMs: z.number().int().positive().default(400),
    /** Repeats of an unacknowledged command; then the bridge gives up and reports no state. */
    retries: z.number().int().min(0).max(10).default(2),
    /** A ping after this much silence; three unanswered ones mark the MCU unavailable. */
    pingIntervalMs: z.number().int().positive().default(1000),
  }),
  z.object({
    ...portCommon,
    protocol: z.literal('firmata'),
    // StandardFirmata's speed.
    baudRate: z.number().int().positive().default(57600),
    /** How long a write waits for the board to confirm the pin's state. */
    ackTimeoutMs: z.number().int().positive().default(1000),
    /** Firmata's analog sampling interval. */
    samplingIntervalMs: z.number().int().min(10).max(16383).default(100),
    /** An analog sensor reports at most this often. */
    analogReportMs: z.number().int().min(0).default(1000),
    pins: z.array(pinSchema).min(1).max(128),
  }),
]);
export type PortConfig = z.infer<typeof portSchema>;

const NO_PORT = 'no serial port: give --port or "ports" in --config';

export const bridgeConfigSchema = z.object({
  /** This bridge's device id and topic segment; default: the host name. */
  id: id.optional(),
  name: name.optional(),
  mqttUrl: z
    .string()
    .regex(/^(mqtt|tcp):\/\/[^/]+\/?$/, { error: 'must look like mqtt://[user:pass@]host:port' }),
  /** Override the URL's credentials (a password with `@` or `:` is easier here). */
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  discoveryPrefix: z.string().min(1).default('homeassistant'),
  baseTopic: z.string().min(1).default('hearth-bridge'),
  /** How often the diagnostic entities (frames good/bad, last seen) are published, when changed. */
  diagnosticsIntervalMs: z.number().int().positive().default(5000),
  /** The longest wait between two attempts to reopen a port; the first is after 100 ms. */
  reopenMaxMs: z.number().int().min(100).default(2000),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ports: z.array(portSchema, { error: NO_PORT }).min(1, { error: NO_PORT }).max(16),
});
export type BridgeConfig = z.infer<typeof bridgeConfigSchema>;
/** The config file as written by people and by `hearth flash`: defaults may be left out. */
export type BridgeConfigInput = z.input<typeof bridgeConfigSchema>;

/**
 * The JSON object in a config file, not yet validated (`hearth bridge`, and `hearth flash`, which
 * writes it onto the Pi as written); a CliError says what is wrong with the file.
 */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`--config: cannot read ${file}: ${(error as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--config: ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new CliError(`--config: ${file} must hold a JSON object`);
  return input as Record<string, unknown>;
}
