import fc from 'fast-check';

/** Names that have broken JavaScript parsers and template engines: prototype and engine internals. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  '__class__',
  '__mro__',
  '__globals__',
  '__defineGetter__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
  'length',
] as const;

/** A key: mostly ordinary, often hostile. */
export const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
);

/** Any JSON value, keys hostile, strings full-unicode, nested a few levels. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A payload as a device could send it: JSON of any shape, or any bytes as text. */
export const hostilePayload = fc.oneof(
  hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom('', 'ON', 'OFF', 'online', 'offline', 'NaN', '1e400', '-0', '{}', '[]', '{"state":'),
);

/** True when something wrote to Object.prototype. */
export function prototypePolluted(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).length !== BASELINE_PROTOTYPE_KEYS;
}
const BASELINE_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).length;
