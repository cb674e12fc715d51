import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ApiConnection } from '../../../hub/api/api-connection.ts';
import { StateFanout } from '../../../hub/api/state-fanout.ts';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { FakeClock } from '../core/fake-clock.ts';

/** What the connection writes to its socket, frame by frame. */
function fakeSocket() {
  const frames: (string | Buffer)[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (data: string | Buffer) => frames.push(data),
  };
  return { socket: socket as unknown as WebSocket, frames };
}

function setup() {
  const clock = new FakeClock();
  const bus = new EventBus(silentLogger);
  const states = new StateMachine(bus, clock, new CommandConfirmations(clock));
  const fanout = new StateFanout(bus);
  fanout.start();
  const panel = (coalesce = false) => {
    const { socket, frames } = fakeSocket();
    const connection = new ApiConnection(socket, { id: 'u', name: 'u', isOwner: true }, 'test');
    connection.coalesce = coalesce;
    return { connection, frames };
  };
  return { states, fanout, panel };
}

const text = (frame: string | Buffer | undefined) => (frame === undefined ? undefined : frame.toString());

describe('the state fan-out', () => {
  it('frames and encodes each event once for every subscriber with the same subscription id', () => {
    const { states, fanout, panel } = setup();
    const a = panel();
    const b = panel();
    const c = panel();
    fanout.subscribeEntities(a.connection, 2);
    fanout.subscribeEntities(b.connection, 2);
    fanout.subscribeEntities(c.connection, 7);
    states.set('light.lamp', 'on', {});

    expect(a.frames).toHaveLength(1);
    // The very same bytes, not an equal string built again.
    expect(Buffer.isBuffer(a.frames[0])).toBe(true);
    expect(b.frames[0]).toBe(a.frames[0]);
    expect(c.frames[0]).not.toBe(a.frames[0]);
    expect(JSON.parse(text(a.frames[0]) ?? '')).toMatchObject({
      id: 2,
      type: 'event',
      event: { a: { 'light.lamp': { s: 'on' } } },
    });
    expect(JSON.parse(text(c.frames[0]) ?? '')).toMatchObject({ id: 7, type: 'event' });
  });

  it('batches the events of one turn into one array frame for a client that asked to coalesce', async () => {
    const { states, fanout, panel } = setup();
    const coalescing = panel(true);
    fanout.subscribeStateChanged(coalescing.connection, 3);
    states.set('light.lamp', 'on', {});
    states.set('light.lamp', 'off', {});
    expect(coalescing.frames).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(coalescing.frames).toHaveLength(1);
    const batch = JSON.parse(text(coalescing.frames[0]) ?? '') as {
      event: { data: { new_state: { state: string } } };
    }[];
    expect(batch.map((message) => message.event.data.new_state.state)).toEqual(['on', 'off']);
  });

  it('encodes the batch once for coalescing panels that were sent the same messages', async () => {
    const { states, fanout, panel } = setup();
    const a = panel(true);
    const b = panel(true);
    const other = panel(true);
    fanout.subscribeEntities(a.connection, 2);
    fanout.subscribeEntities(b.connection, 2);
    fanout.subscribeEntities(other.connection, 9);
    states.set('light.lamp', 'on', {});
    states.set('light.lamp', 'off', {});
    await new Promise((resolve) => setImmediate(resolve));

    expect(Buffer.isBuffer(a.frames[0])).toBe(true);
    expect(b.frames[0]).toBe(a.frames[0]);
    expect(other.frames[0]).not.toBe(a.frames[0]);
    expect((JSON.parse(text(other.frames[0]) ?? '') as { id: number }[]).map((m) => m.id)).toEqual([9, 9]);
  });
});
