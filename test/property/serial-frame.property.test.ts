import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../firmware-bridge/serial/line-splitter.ts';
import { HubError } from '../../hub/core/hub-error.ts';
import { parseInput } from '../../hub/core/parse-input.ts';
import { mcuFrame } from '../../hub/protocol/serial-frames.ts';
import { decodeLine, encodeLine, MAX_LINE_BYTES } from '../../hub/protocol/serial-line.ts';
import { hostileJson, prototypePolluted } from './hostile-values.ts';
import { PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from './property-runs.ts';

/** Frames an MCU may send, well formed, so that round trips have something true to check. */
const validFrame = fc.oneof(
  fc.record({ t: fc.constant('st'), e: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), v: fc.boolean() }),
  fc.record({ t: fc.constant('ack'), s: fc.integer({ min: 1, max: 65535 }) }),
  fc.record({ t: fc.constant('pong'), s: fc.integer({ min: 1, max: 65535 }) }),
);

/** What a cable can carry: garbage, cut lines, flipped CRCs, lines far too long, frames of any shape. */
const lineText = fc.oneof(
  fc.string({ maxLength: 700 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
  validFrame.map((frame) => encodeLine(frame, true).slice(0, -1)),
  validFrame.chain((frame) =>
    fc.nat().map((cut) => {
      const line = encodeLine(frame, true).slice(0, -1);
      return line.slice(0, cut % line.length);
    }),
  ),
  validFrame.map((frame) =>
    encodeLine(frame, true)
      .slice(0, -1)
      .replace(/\*[0-9A-F]{4}$/, '*0000'),
  ),
  fc.constant(`{"t":"st","e":"x","v":"${'y'.repeat(MAX_LINE_BYTES)}"}`),
);

/**
 * Serial frames, the way the bridge reads them (firmware-bridge/jsonl/jsonl-driver.ts): bytes to
 * lines, a line to JSON with its optional CRC checked, JSON to a frame through the schema.
 */
describe('serial frames from an MCU, any of them', () => {
  it(
    'decode to a frame or a precise refusal, never a throw of anything else, and pollute nothing',
    () => {
      fc.assert(
        fc.property(lineText, (line) => {
          const decoded = decodeLine(line);
          if (!decoded.ok) {
            expect(decoded.reason.length).toBeGreaterThan(0);
            return;
          }
          try {
            const frame = parseInput(mcuFrame, decoded.value, 'frame');
            expect(typeof frame.t).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(HubError);
          }
          expect(prototypePolluted()).toBe(false);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'round-trip: a frame encoded with or without a CRC decodes to the same frame',
    () => {
      fc.assert(
        fc.property(validFrame, fc.boolean(), (frame, withCrc) => {
          const line = encodeLine(frame, withCrc);
          const decoded = decodeLine(line.slice(0, -1));
          expect(decoded).toEqual({ ok: true, value: frame, hadCrc: withCrc });
          expect(parseInput(mcuFrame, decoded.ok ? decoded.value : undefined, 'frame')).toEqual(frame);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'split into lines the same whatever chunks the bytes arrive in, and never a line over the limit',
    () => {
      fc.assert(
        fc.property(
          fc.array(lineText, { maxLength: 8 }),
          fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 16 }),
          (lines, chunkSizes) => {
            const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
            const read = (sizes: readonly number[]) => {
              const out: string[] = [];
              let tooLong = 0;
              const splitter = new LineSplitter(
                (line) => out.push(line),
                () => {
                  tooLong += 1;
                },
              );
              for (let at = 0, i = 0; at < bytes.length; i += 1) {
                const size = sizes[i % sizes.length] ?? 1;
                splitter.push(bytes.subarray(at, at + size));
                at += size;
              }
              return { out, tooLong };
            };
            const whole = read([bytes.length || 1]);
            expect(read(chunkSizes)).toEqual(whole);
            for (const line of whole.out) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
          },
        ),
        { numRuns: PROPERTY_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
