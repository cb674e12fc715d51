import { writeFileSync } from 'node:fs';
import type { BridgeConfigInput } from '../../firmware-bridge/bridge-config.ts';
import type { HubClient } from './hub-client.ts';
import type { RunningProcess } from './run-cli.ts';
import { spawnCli } from './run-cli.ts';

/**
 * Starts a real bridge process (`hearth bridge --config FILE`) with the config written to
 * `configFile`; resolves once it is connected to the broker. Always `stop()` it.
 */
export async function startTestBridge(
  configFile: string,
  config: BridgeConfigInput,
): Promise<RunningProcess> {
  writeFileSync(configFile, JSON.stringify(config));
  const bridge = spawnCli(['bridge', '--config', configFile]);
  try {
    await bridge.waitForLine(/^hearth bridge: /);
  } catch (error) {
    await bridge.stop();
    throw error;
  }
  return bridge;
}

type State = { entity_id: string; state: string; attributes: Record<string, unknown> };

/** Polls `get_states` until the entity's state passes the test; resolves with it. */
export async function waitForEntity(
  client: HubClient,
  entityId: string,
  test: (state: State) => boolean,
  timeoutMs = 15_000,
): Promise<State> {
  const deadline = Date.now() + timeoutMs;
  let last: State | undefined;
  while (Date.now() < deadline) {
    const states = (await client.command({ type: 'get_states' })).result as State[];
    last = states.find((s) => s.entity_id === entityId);
    if (last !== undefined && test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${entityId} never got there; last: ${JSON.stringify(last)}`);
}

/** A state_changed event for the entity whose new state passes the test. */
export function stateEvent(entityId: string, test: (state: State) => boolean) {
  return (message: Record<string, unknown>): boolean => {
    if (message.type !== 'event') return false;
    const data = (message.event as { data?: { entity_id?: string; new_state?: State } }).data;
    return data?.entity_id === entityId && data.new_state !== undefined && test(data.new_state);
  };
}

/** `call_service` on one entity; resolves with the result message. */
export function callService(
  client: HubClient,
  domain: string,
  service: string,
  entityId: string,
  serviceData?: Record<string, unknown>,
) {
  return client.command({
    type: 'call_service',
    domain,
    service,
    target: { entity_id: entityId },
    ...(serviceData !== undefined ? { service_data: serviceData } : {}),
  });
}
