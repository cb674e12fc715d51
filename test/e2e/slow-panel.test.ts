import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

describe('a panel that stops reading', () => {
  let hub: TestHub;
  let sim: RunningProcess;

  beforeAll(async () => {
    hub = await startTestHub({
      env: {
        // A small send buffer, and no rate limit, so that the test fills it in a moment.
        HEARTH_MAX_BUFFERED_BYTES: String(64 * 1024),
        HEARTH_MESSAGES_PER_SECOND: '100000',
        HEARTH_MESSAGE_BURST: '100000',
      },
    });
    sim = await startTestSim(hub.mqttUrl);
  });
  afterAll(async () => {
    await sim?.stop();
    await hub?.stop();
  });

  it('is closed with 1013 once its unsent data passes the bound, and stalls no one else', async () => {
    const slow = await HubClient.connect(hub.wsUrl, hub.token);
    const other = await HubClient.connect(hub.wsUrl, hub.token);
    const size = JSON.stringify((await slow.command({ type: 'get_states' })).result).length;
    // Stops reading: what the hub sends piles up in the kernel's buffers, then in the hub's.
    slow.socket.pause();
    const closedSlow = hub.process.waitForLine(/closed: too slow, over 65536 bytes unsent/, 30_000);
    for (let i = 0; i < Math.ceil((64 * 1024 * 1024) / size); i++) {
      slow.sendCommand({ type: 'get_states' });
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (/too slow/.test(hub.process.output())) break;
    }
    await closedSlow;
    // Everyone else is served meanwhile.
    expect((await other.command({ type: 'ping' })).type).toBe('pong');
    expect((await other.command({ type: 'get_states' })).success).toBe(true);
    // Reading again, the slow panel gets what was already sent, then the close; it reconnects and resyncs.
    slow.socket.resume();
    expect(await slow.closed()).toBe(1013);
    other.close();
  }, 60_000);
});
