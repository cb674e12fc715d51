/**
 * The line layer of hearth's JSON-lines serial protocol (firmware-bridge/PROTOCOL.md): one JSON
 * object a line, ended by `\n`, optionally followed by `*` and a CRC of the JSON text. No Node
 * imports: the bridge, the simulator and the tests share it.
 */

/** Longest line either side sends or accepts, `\n` excluded: an AVR keeps its buffer small. */
export const MAX_LINE_BYTES = 512;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR
 * (check value 0x29B1 for the ASCII bytes of `123456789`). Byte-wise and table-free, so the
 * firmware's copy of it in C++ is the same ten lines.
 */
export function crc16CcittFalse(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

const encoder = new TextEncoder();

/** The CRC suffix of a JSON text: `*` and four upper-case hex digits. */
export function crcSuffix(json: string): string {
  return `*${crc16CcittFalse(encoder.encode(json)).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A frame as a line, with its trailing newline; with a CRC when asked. */
export function encodeLine(frame: object, withCrc: boolean): string {
  const json = JSON.stringify(frame);
  return `${json}${withCrc ? crcSuffix(json) : ''}\n`;
}

export type DecodedLine =
  | { readonly ok: true; readonly value: unknown; readonly hadCrc: boolean }
  | { readonly ok: false; readonly reason: string };

// A JSON object ends with `}`, so a `*XXXX` after the last `}` can only be a CRC.
const CRC_SUFFIX = /\}\*([0-9A-Fa-f]{4})$/;

/**
 * One line (without its `\n`, a trailing `\r` tolerated) to a JSON value. A line with a CRC
 * suffix is checked; a line without one is taken as it is (the CRC is optional).
 */
export function decodeLine(line: string): DecodedLine {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  let json = text;
  const crc = CRC_SUFFIX.exec(text);
  if (crc) {
    json = text.slice(0, crc.index + 1);
    const expected = crcSuffix(json).slice(1);
    if (expected !== crc[1]?.toUpperCase())
      return { ok: false, reason: `bad CRC ${crc[1]}, expected ${expected}` };
  }
  if (!json.startsWith('{')) return { ok: false, reason: 'not a JSON object' };
  try {
    return { ok: true, value: JSON.parse(json), hadCrc: crc !== null };
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
}
