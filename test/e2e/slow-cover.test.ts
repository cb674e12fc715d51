import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { waitForEntity } from '../helpers/start-test-bridge.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

const BLIND = 'cover.living_room_blind';

/**
 * The demo's blind travels for five seconds, reporting its position each second; the hub here gives
 * a device two seconds to confirm. A slow blind that keeps getting nearer is still waited for.
 */
describe('a blind that travels for longer than the command timeout', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let client: HubClient;

  beforeAll(async () => {
    hub = await startTestHub({ env: { HEARTH_COMMAND_TIMEOUT_MS: '2000' } });
    // The office blind is jammed: it reports, but does not move.
    sim = await startTestSim(hub.mqttUrl, ['--no-liveliness', '--fault', 'office-blind=wrong']);
    client = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    client?.socket.close();
    await sim?.stop();
    await hub?.stop();
  });

  it('is confirmed when it gets there, not failed while it is on its way', async () => {
    await waitForEntity(client, BLIND, (s) => s.attributes.current_position === 100, 10_000);
    const result = await client.command({
      type: 'call_service',
      domain: 'cover',
      service: 'close_cover',
      target: { entity_id: BLIND },
    });
    expect(result).toMatchObject({ success: true });
    expect(await waitForEntity(client, BLIND, () => true)).toMatchObject({
      state: 'closed',
      attributes: { current_position: 0 },
    });
  });

  it('still fails a blind that does not move', async () => {
    const result = await client.command({
      type: 'call_service',
      domain: 'cover',
      service: 'set_cover_position',
      target: { entity_id: 'cover.office_blind' },
      service_data: { position: 37 },
    });
    expect(result).toMatchObject({ success: false, error: { code: 'device_timeout' } });
  });
});
