import type { Toggler } from './toggler.ts';

export interface SideBySideOptions {
  /** Toggles per toggler thrown away first: JIT, connection buffers, the devices' first answers. */
  warmup: number;
  /** Toggles per toggler that count. */
  count: number;
  /** Toggles in a row before switching to the other toggler. */
  block: number;
  /** Awaited after each toggle, untimed: lets the system settle before the next one. */
  settle?: () => Promise<void>;
}

/** A toggler and the lights it toggles in turn: its own, so no other toggler's client hears them. */
export interface Contender {
  toggler: Toggler;
  lights: readonly string[];
}

/**
 * Runs the togglers in alternating blocks, so that a burst of load from the rest of the machine
 * hits all of them alike and their ratio stays meaningful on a shared machine. Sequential: one
 * toggle in flight at a time. Each toggler has lights of its own: a client subscribed to a light
 * it is not toggling would still be sent that light's reports, and aedes writes to it before the
 * hub's turn, which would charge one toggler for another's subscriptions. Returns each toggler's
 * latencies in ms, warm-up excluded.
 */
export async function measureSideBySide(
  contenders: readonly Contender[],
  options: SideBySideOptions,
): Promise<Map<string, number[]>> {
  const samples = new Map(contenders.map(({ toggler }) => [toggler.name, [] as number[]]));
  const total = options.warmup + options.count;
  for (let done = 0; done < total; done += options.block) {
    for (const { toggler, lights } of contenders) {
      const list = samples.get(toggler.name) as number[];
      for (let n = done; n < Math.min(total, done + options.block); n++) {
        const ms = await toggler.toggle(lights[n % lights.length] as string);
        await options.settle?.();
        if (n >= options.warmup) list.push(ms);
      }
    }
  }
  return samples;
}

/** `count` lights for each of `contenders`, apart: the first `count`, the next `count`, … */
export function shareLights(lights: readonly string[], contenders: number, count: number): string[][] {
  if (lights.length < contenders * count)
    throw new Error(`${contenders} × ${count} lights needed, the simulator has ${lights.length}`);
  return Array.from({ length: contenders }, (_, i) => lights.slice(i * count, (i + 1) * count));
}
