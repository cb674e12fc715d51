/**
 * A misbehaviour a test or a demo injects into one device:
 *
 * - `drop`: commands are dropped and nothing is reported, while availability stays `online`
 *   (a Zigbee device out of range behind a healthy coordinator).
 * - `delay`: every command is acted on `ms` milliseconds late.
 * - `wrong`: the device reports something other than what it was asked (a brightness off by 40, a
 *   blind that does not move, a lock that jams).
 * - `offline`: availability goes `offline` (retained) and commands are ignored until cleared.
 * - `flap`: availability alternates `offline`/`online` every `ms` milliseconds.
 */
export type DeviceFault =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'wrong' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'flap'; readonly ms: number };

export const NO_FAULT: DeviceFault = Object.freeze({ kind: 'none' });

/** Longest delay or flap period accepted from a command line: an hour. */
const MAX_FAULT_MS = 3_600_000;

/**
 * `none`, `drop`, `wrong`, `offline`, `delay:MS` or `flap:MS`, as `hearth sim --fault` takes them.
 * Throws an Error with a one-line message for anything else.
 */
export function parseFault(text: string): DeviceFault {
  const [kind, arg, ...rest] = text.trim().split(':');
  if (rest.length > 0) throw new Error(`fault "${text}": one ":" at most`);
  switch (kind) {
    case 'none':
    case 'drop':
    case 'wrong':
    case 'offline':
      if (arg !== undefined) throw new Error(`fault "${text}": ${kind} takes no milliseconds`);
      return { kind };
    case 'delay':
    case 'flap': {
      if (arg === undefined || !/^\d+$/.test(arg))
        throw new Error(`fault "${text}": ${kind} needs milliseconds, as ${kind}:2000`);
      const ms = Number(arg);
      if (ms < 1 || ms > MAX_FAULT_MS)
        throw new Error(`fault "${text}": milliseconds must be 1..${MAX_FAULT_MS}`);
      return { kind, ms };
    }
    default:
      throw new Error(`fault "${text}": expected drop, delay:MS, wrong, offline, flap:MS or none`);
  }
}

/** `device=fault`, one `--fault` flag. */
export function parseDeviceFault(text: string): { readonly device: string; readonly fault: DeviceFault } {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`--fault "${text}": expected <device>=<fault>`);
  return { device: text.slice(0, at), fault: parseFault(text.slice(at + 1)) };
}

export function describeFault(fault: DeviceFault): string {
  return fault.kind === 'delay' || fault.kind === 'flap' ? `${fault.kind}:${fault.ms}` : fault.kind;
}
