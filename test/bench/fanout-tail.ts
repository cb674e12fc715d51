import { BenchClient, type Message } from './bench-client.ts';

export interface FanoutTail {
  /**
   * Resolves once the hub has sent the tail the next state change, that is, once it has written
   * that change to every panel subscribed before it; gives up after `timeoutMs` (a toggle that
   * changed nothing) and carries on.
   */
  settle(timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * A client that subscribes to `subscribe_entities` after every panel, so the hub writes each
 * change to it last. The toggle scenarios wait for it between toggles: each round trip then starts
 * on a hub that has finished the previous fan-out, as a person's click does, instead of queueing
 * behind fifty socket writes of the toggle before.
 */
export async function fanoutTail(wsUrl: string, token: string): Promise<FanoutTail> {
  const client = await BenchClient.connect(wsUrl, token, { coalesce: true });
  let changes = 0;
  let settled = 0;
  let wake: () => void = () => {};
  client.onMessage((message: Message) => {
    if (message.type !== 'event') return;
    const event = message.event as { c?: Record<string, unknown> };
    if (event.c === undefined) return;
    changes += Object.keys(event.c).length;
    wake();
  });
  await client.call({ type: 'subscribe_entities' });
  return {
    async settle(timeoutMs = 1000) {
      const target = settled + 1;
      if (changes < target) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          wake = () => {
            if (changes < target) return;
            clearTimeout(timer);
            resolve();
          };
        });
        wake = () => {};
      }
      settled = Math.max(target, changes);
    },
    close: () => client.close(),
  };
}
