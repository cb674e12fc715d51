import type { BenchClient, Message } from './bench-client.ts';

type Compressed = { s?: string };
type EntitiesEvent = {
  a?: Record<string, Compressed>;
  c?: Record<string, { '+'?: Compressed }>;
  r?: string[];
};

const isLive = (state: string | undefined): boolean =>
  state !== undefined && state !== 'unavailable' && state !== 'unknown';

/**
 * Follows `subscribe_entities` and resolves when `expected` entities are live (neither
 * `unavailable` nor `unknown`), with the time that happened; cheaper and sharper than polling
 * `get_states` over 14,000 entities.
 */
export function whenLive(
  client: BenchClient,
  expected: number,
  timeoutMs: number,
): Promise<{ at: number; live: number }> {
  const states = new Map<string, string | undefined>();
  let live = 0;
  const set = (id: string, state: string | undefined) => {
    const before = states.get(id);
    if (isLive(before)) live--;
    if (isLive(state)) live++;
    states.set(id, state);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${live} of ${expected} entities live after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const check = () => {
      if (live >= expected) {
        clearTimeout(timer);
        client.onMessage(() => {});
        client.send({ type: 'unsubscribe_events', subscription });
        resolve({ at: performance.now(), live });
      }
    };
    client.onMessage((message: Message) => {
      if (message.type !== 'event') return;
      const event = message.event as EntitiesEvent;
      for (const [id, state] of Object.entries(event.a ?? {})) set(id, state.s);
      for (const [id, diff] of Object.entries(event.c ?? {}))
        if (diff['+']?.s !== undefined) set(id, diff['+'].s);
      for (const id of event.r ?? []) set(id, undefined);
      check();
    });
    const subscription = client.send({ type: 'subscribe_entities' });
  });
}
