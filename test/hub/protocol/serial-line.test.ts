import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, decodeLine, encodeLine } from '../../../hub/protocol/serial-line.ts';

describe('the JSON-lines line layer', () => {
  it('computes CRC-16/CCITT-FALSE (check value 0x29B1)', () => {
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('encodes a frame with and without its CRC, and reads both back', () => {
    const frame = { t: 'st', e: 'temperature', v: 21.5 };
    expect(encodeLine(frame, false)).toBe('{"t":"st","e":"temperature","v":21.5}\n');
    const withCrc = encodeLine(frame, true);
    expect(withCrc).toMatch(/^\{.*\}\*[0-9A-F]{4}\n$/);
    expect(decodeLine(withCrc.slice(0, -1))).toEqual({ ok: true, value: frame, hadCrc: true });
  });

  it.each([
    ['a line without CRC', '{"t":"pong","s":4}', { ok: true, value: { t: 'pong', s: 4 }, hadCrc: false }],
    [
      'the firmware’s CRC, lower-case hex',
      '{"t":"pong","s":4}*ecfe',
      { ok: true, value: { t: 'pong', s: 4 }, hadCrc: true },
    ],
    [
      'a CR before the newline',
      '{"t":"pong","s":4}\r',
      { ok: true, value: { t: 'pong', s: 4 }, hadCrc: false },
    ],
    ['a wrong CRC', '{"t":"pong","s":4}*ECFF', { ok: false, reason: 'bad CRC ECFF, expected ECFE' }],
    [
      'a `*` inside a string is not a CRC',
      '{"t":"err","code":"x","msg":"a*1234"}',
      { ok: true, hadCrc: false },
    ],
    ['noise', 'line noise', { ok: false, reason: 'not a JSON object' }],
    ['a cut line', '{"t":"st","e":"relay","v":fa', { ok: false, reason: 'not valid JSON' }],
  ])('%s', (_name, line, expected) => {
    expect(decodeLine(line)).toMatchObject(expected);
  });
});
