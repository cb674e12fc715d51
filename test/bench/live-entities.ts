import type { BenchClient, Message } from './bench-client.ts';

type Compressed = { s?: string };
type EntitiesEvent = {
  a?: Record<string, Compressed>;
  c?: Record<string, { '+'?: Compressed }>;
  r?: string[];
};

const isLive = (state: string | undefined): boolean =>
  state !== undefined && state !== 'unavailable' && state !== 'unknown';

export interface LiveResult {
  /** `performance.now()` when the last entity became live (or the last one that did). */
  at: number;
  live: number;
  /** Entities that exist but never reported a state (see `whenLive`). */
  unknown: number;
}

/**
 * Follows `subscribe_entities` and resolves when `expected` entities are live (neither
 * `unavailable` nor `unknown`), with the time that happened; cheaper and sharper than polling
 * `get_states` over 14,000 entities.
 *
 * A Zigbee2MQTT device does not retain its state: it reports once on connecting and once more
 * 500 ms later. A hub behind an external broker that is more than 500 ms behind the burst of
 * 1,000 devices announcing themselves subscribes to a state topic after both reports, and that
 * entity stays `unknown` until the device next reports (never, with `--no-liveliness`). So once
 * every entity exists and nothing has changed for `stallMs`, this resolves anyway and says how
 * many stayed unknown, rather than waiting for the timeout.
 */
export function whenLive(
  client: BenchClient,
  expected: number,
  options: { timeoutMs: number; stallMs?: number },
): Promise<LiveResult> {
  const stallMs = options.stallMs ?? 30_000;
  const states = new Map<string, string | undefined>();
  let live = 0;
  let lastProgress = performance.now();
  const set = (id: string, state: string | undefined) => {
    const before = states.get(id);
    if (isLive(before)) live--;
    if (isLive(state)) {
      live++;
      if (!isLive(before)) lastProgress = performance.now();
    }
    if (state === undefined) states.delete(id);
    else states.set(id, state);
  };
  const unknown = () => [...states.values()].filter((state) => state === 'unknown').length;
  return new Promise((resolve, reject) => {
    const finish = (result: LiveResult) => {
      clearTimeout(timer);
      clearInterval(stallCheck);
      client.onMessage(() => {});
      client.send({ type: 'unsubscribe_events', subscription });
      resolve(result);
    };
    const timer = setTimeout(() => {
      clearInterval(stallCheck);
      reject(new Error(`only ${live} of ${expected} entities live after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const stallCheck = setInterval(() => {
      const stalled = performance.now() - lastProgress > stallMs;
      if (stalled && states.size >= expected && live + unknown() >= expected)
        finish({ at: lastProgress, live, unknown: unknown() });
    }, 1000);
    client.onMessage((message: Message) => {
      if (message.type !== 'event') return;
      const event = message.event as EntitiesEvent;
      for (const [id, state] of Object.entries(event.a ?? {})) set(id, state.s);
      for (const [id, diff] of Object.entries(event.c ?? {}))
        if (diff['+']?.s !== undefined) set(id, diff['+'].s);
      for (const id of event.r ?? []) set(id, undefined);
      if (live >= expected) finish({ at: performance.now(), live, unknown: 0 });
    });
    const subscription = client.send({ type: 'subscribe_entities' });
  });
}
