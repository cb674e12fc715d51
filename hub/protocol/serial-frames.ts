import { z } from 'zod';

/**
 * The frames of hearth's JSON-lines serial protocol, version 1, in both directions
 * (firmware-bridge/PROTOCOL.md). Keys are short because an AVR has 2 KB of RAM; the optional
 * keys of an announcement are Home Assistant's own discovery abbreviations, passed through.
 */
export const SERIAL_PROTOCOL_VERSION = 1;

/** An entity's key on its MCU: also the last part of its MQTT topics and of its entity_id. */
export const entityKey = z
  .string()
  .regex(/^[a-z0-9_]{1,32}$/, { error: 'entity key must be 1–32 of a-z, 0-9, _' });
/** A command's sequence number: 1..65535, wrapping, so it fits an AVR's `uint16_t`. */
export const sequenceNumber = z.number().int().min(1).max(65535);
const text = (max: number) => z.string().max(max);

export const serialComponents = ['switch', 'light', 'sensor', 'binary_sensor'] as const;
export type SerialComponent = (typeof serialComponents)[number];

/** A state value: on/off for switches, lights and binary sensors, a reading for sensors. */
export const stateValue = z.union([z.boolean(), z.number(), z.string().max(64), z.null()]);
export type StateValue = z.infer<typeof stateValue>;
const brightness = z.number().int().min(0).max(255);

// ── MCU → bridge ──────────────────────────────────────────────────────────────
export const helloFrame = z.object({
  t: z.literal('hello'),
  proto: z.number().int().min(1).optional(),
  name: text(64).optional(),
  model: text(64).optional(),
  sw: text(32).optional(),
  /** The MCU checks CRCs and wants the bridge's lines to carry one. */
  crc: z.boolean().optional(),
});

export const entityFrame = z.object({
  t: z.literal('ent'),
  e: entityKey,
  c: z.enum(serialComponents),
  n: text(64).optional(),
  /** A light that takes a brightness 0..255. */
  dim: z.boolean().optional(),
  dev_cla: text(32).optional(),
  unit_of_meas: text(16).optional(),
  stat_cla: z.enum(['measurement', 'total', 'total_increasing']).optional(),
  ent_cat: z.enum(['config', 'diagnostic']).optional(),
  ic: text(64).optional(),
});

export const stateFrame = z.object({
  t: z.literal('st'),
  e: entityKey,
  v: stateValue,
  bri: brightness.optional(),
});
export const ackFrame = z.object({ t: z.literal('ack'), s: sequenceNumber });
export const pongFrame = z.object({ t: z.literal('pong'), s: sequenceNumber });

/** Errors are lines too: the answer to a command (`s`), or a complaint about a line (no `s`). */
export const errorFrame = z.object({
  t: z.literal('err'),
  s: sequenceNumber.optional(),
  code: text(32),
  msg: text(128).optional(),
});

export const mcuFrame = z.discriminatedUnion('t', [
  helloFrame,
  entityFrame,
  stateFrame,
  ackFrame,
  pongFrame,
  errorFrame,
]);

// ── bridge → MCU ──────────────────────────────────────────────────────────────
/** Asks the MCU to say hello, announce every entity and report every state. */
export const bridgeHelloFrame = z.object({ t: z.literal('hello'), proto: z.number().int().min(1) });
export const commandFrame = z.object({
  t: z.literal('cmd'),
  s: sequenceNumber,
  e: entityKey,
  v: stateValue,
  bri: brightness.optional(),
});
export const pingFrame = z.object({ t: z.literal('ping'), s: sequenceNumber });

export const bridgeFrame = z.discriminatedUnion('t', [bridgeHelloFrame, commandFrame, pingFrame]);

export type HelloFrame = z.infer<typeof helloFrame>;
export type EntityFrame = z.infer<typeof entityFrame>;
export type StateFrame = z.infer<typeof stateFrame>;
export type McuFrame = z.infer<typeof mcuFrame>;
export type CommandFrame = z.infer<typeof commandFrame>;
export type BridgeFrame = z.infer<typeof bridgeFrame>;
