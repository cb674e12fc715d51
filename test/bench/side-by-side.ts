import type { Toggler } from './toggler.ts';

export interface SideBySideOptions {
  /** Toggles per toggler thrown away first: JIT, connection buffers, the devices' first answers. */
  warmup: number;
  /** Toggles per toggler that count. */
  count: number;
  /** Toggles in a row before switching to the other toggler. */
  block: number;
  /** The lights to toggle, in turn. */
  devices: readonly string[];
}

/**
 * Runs the togglers in alternating blocks, so that a burst of load from the rest of the machine
 * hits all of them alike and their ratio stays meaningful on a shared machine. Sequential: one
 * toggle in flight at a time. Returns each toggler's latencies in ms, warm-up excluded.
 */
export async function measureSideBySide(
  togglers: readonly Toggler[],
  options: SideBySideOptions,
): Promise<Map<string, number[]>> {
  const samples = new Map(togglers.map((toggler) => [toggler.name, [] as number[]]));
  const done = new Map(togglers.map((toggler) => [toggler.name, 0]));
  const total = options.warmup + options.count;
  let turn = 0;
  while ((done.get(togglers[0]?.name ?? '') ?? total) < total) {
    for (const toggler of togglers) {
      const list = samples.get(toggler.name) as number[];
      for (let i = 0; i < options.block; i++) {
        const n = done.get(toggler.name) ?? 0;
        if (n >= total) break;
        const device = options.devices[(turn * options.block + i) % options.devices.length] as string;
        const ms = await toggler.toggle(device);
        if (n >= options.warmup) list.push(ms);
        done.set(toggler.name, n + 1);
      }
    }
    turn++;
  }
  return samples;
}
