import type { ButtonEntity, ExtraEntitySpec } from './entity-spec.ts';

export type SettingValues = Readonly<Record<string, number | string>>;

/** A command split into what the extras take and what is left for the device's main feature. */
export type ExtrasRead =
  | { readonly ok: false; readonly reason: string }
  | {
      readonly ok: true;
      /** The settings after the command, all of them. */
      readonly settings: SettingValues;
      readonly presses: readonly ButtonEntity[];
      /** The rest of the command; undefined when the extras took every key. */
      readonly rest: Readonly<Record<string, unknown>> | undefined;
    };

export function initialSettings(extras: readonly ExtraEntitySpec[]): SettingValues {
  const values: Record<string, number | string> = {};
  for (const extra of extras) if (extra.component !== 'button') values[extra.property] = extra.initial;
  return values;
}

/** Checks a device's extras at construction: one property each, not used twice. */
export function checkExtras(device: string, extras: readonly ExtraEntitySpec[]): void {
  const seen = new Set<string>();
  for (const extra of extras) {
    for (const id of [`key:${extra.key}`, `property:${extra.property}`]) {
      if (seen.has(id)) throw new Error(`${device}: two extras with ${id.replace(':', ' ')}`);
      seen.add(id);
    }
  }
}

/**
 * Takes the keys of `command` that belong to a number, select or button, checks each value as
 * the real device would (a number within min..max, rounded to its step; an option of the list;
 * the button's own press payload) and changes nothing: the caller commits.
 */
export function readExtras(
  extras: readonly ExtraEntitySpec[],
  current: SettingValues,
  command: Readonly<Record<string, unknown>>,
): ExtrasRead {
  if (extras.length === 0) return { ok: true, settings: current, presses: [], rest: command };
  const settings: Record<string, number | string> = { ...current };
  const presses: ButtonEntity[] = [];
  const rest: Record<string, unknown> = {};
  let restKeys = 0;
  for (const [key, value] of Object.entries(command)) {
    const extra = extras.find((candidate) => candidate.property === key);
    if (extra === undefined) {
      rest[key] = value;
      restKeys++;
      continue;
    }
    switch (extra.component) {
      case 'number': {
        const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof number !== 'number' || !Number.isFinite(number))
          return { ok: false, reason: `${key}: expected a number, got ${JSON.stringify(value)}` };
        if (number < extra.min || number > extra.max)
          return { ok: false, reason: `${key}: ${number} is outside ${extra.min}..${extra.max}` };
        settings[key] = roundToStep(number, extra.min, extra.step);
        break;
      }
      case 'select':
        if (typeof value !== 'string' || !extra.options.includes(value))
          return { ok: false, reason: `${key}: expected one of ${extra.options.join(', ')}` };
        settings[key] = value;
        break;
      case 'button':
        if (value !== extra.payload) return { ok: false, reason: `${key}: expected "${extra.payload}"` };
        presses.push(extra);
        break;
    }
  }
  return { ok: true, settings, presses, rest: restKeys === 0 ? undefined : rest };
}

/** `21.26` with step 0.5 → `21.5`; decimals trimmed of float noise. */
export function roundToStep(value: number, min: number, step: number): number {
  const steps = Math.round((value - min) / step);
  return Number((min + steps * step).toFixed(6));
}
