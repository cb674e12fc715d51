import { z } from 'zod';

/** Commands larger than this are not something a real device would accept; they are dropped unread. */
export const MAX_COMMAND_BYTES = 4096;

/** `delayedMs`: accepted, and to be acted on that much later (a `delay` fault). */
export type CommandResult =
  | { readonly ok: true; readonly delayedMs?: number }
  | { readonly ok: false; readonly reason: string };

export type ParsedCommand =
  | { readonly ok: true; readonly command: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string };

/**
 * A `/set` payload, read the way Zigbee2MQTT reads it: a JSON object, or else a bare word that
 * means `{"state": <word>}` (so `ON`, `off`, `TOGGLE` work on any device with a state).
 * https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html#zigbee2mqtt-friendly-name-set
 */
export function parseCommandPayload(payload: string): ParsedCommand {
  if (payload.length > MAX_COMMAND_BYTES) return { ok: false, reason: `payload of ${payload.length} bytes` };
  const text = payload.trim();
  if (text === '') return { ok: false, reason: 'empty payload' };
  if (!text.startsWith('{')) return { ok: true, command: { state: text } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: `not JSON: ${preview(text)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `not a JSON object: ${preview(text)}` };
  }
  return { ok: true, command: value as Record<string, unknown> };
}

/**
 * The payload of a `/set/<attribute>` topic, read as Zigbee2MQTT reads it: JSON when it parses
 * (`21.5`, `true`, `{"h":30}`), else the text itself (`heat`, `ON`).
 */
export function parseAttributeValue(payload: string): unknown {
  const text = payload.trim();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `ON` / `OFF` / `TOGGLE`, in any case, as Zigbee2MQTT accepts them. */
export const stateCommandSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.toUpperCase() : value),
  z.enum(['ON', 'OFF', 'TOGGLE']),
);

/** The first issue of a failed parse as one line: `brightness: Too big: expected number to be <=255`. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid command';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/** A payload shortened for one log line. */
export function preview(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
