import { BenchClient, type Message } from './bench-client.ts';
import type { Toggler } from './toggler.ts';

interface StateChangedEvent {
  data: { entity_id: string };
  context: { id: string };
}

/**
 * Toggles through hearth: `light.toggle` over the WebSocket API, timed from the send until the
 * client holds both the confirmed result and the `state_changed` event that carries the call's
 * context (hearth sends the event first; with `coalesce_messages` both may share a frame).
 */
export async function hubToggler(
  wsUrl: string,
  token: string,
  options: { coalesce: boolean },
): Promise<Toggler> {
  const client = await BenchClient.connect(wsUrl, token, options);
  const subscribed = await client.call({ type: 'subscribe_events', event_type: 'state_changed' });
  if (subscribed.success !== true) throw new Error(`subscribe_events failed: ${JSON.stringify(subscribed)}`);
  let waitingFor: string | undefined;
  const seen = new Set<string>();
  let onSeen: () => void = () => {};
  client.onMessage((message: Message) => {
    if (message.type !== 'event') return;
    const event = message.event as StateChangedEvent;
    if (event.data.entity_id !== waitingFor) return;
    seen.add(event.context.id);
    onSeen();
  });
  return {
    name: 'hearth',
    async toggle(device) {
      const entityId = `light.${device.replaceAll('-', '_')}`;
      waitingFor = entityId;
      seen.clear();
      const start = performance.now();
      const result = await client.call({
        type: 'call_service',
        domain: 'light',
        service: 'toggle',
        target: { entity_id: entityId },
      });
      if (result.success !== true) throw new Error(`${entityId}: ${JSON.stringify(result.error)}`);
      const contextId = (result.result as { context: { id: string } }).context.id;
      if (!seen.has(contextId))
        await new Promise<void>((resolve) => {
          onSeen = () => {
            if (seen.has(contextId)) resolve();
          };
        });
      const elapsed = performance.now() - start;
      waitingFor = undefined;
      onSeen = () => {};
      return elapsed;
    },
    async close() {
      client.close();
    },
  };
}
