import { describe, expect, it } from 'vitest';
import { CommandConfirmations, MAX_PROGRESS_FACTOR } from '../../../hub/core/command-confirmations.ts';
import { FakeClock } from './fake-clock.ts';

const context = { id: 'c1', parent_id: null, user_id: null };
const isOn = (state: string) => state === 'on';

describe('CommandConfirmations.settled: a stopping hub waits for the commands in flight', () => {
  it('resolves at once when nothing is pending', async () => {
    const confirmations = new CommandConfirmations(new FakeClock());
    await expect(confirmations.settled(1000)).resolves.toBeUndefined();
  });

  it('resolves when the last pending command is confirmed, before the grace is over', async () => {
    const clock = new FakeClock();
    const confirmations = new CommandConfirmations(clock);
    const command = confirmations.expect('switch.a', context, isOn, 5000);
    let settled = false;
    const idle = confirmations.settled(3000).then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    confirmations.claim('switch.a', 'on', {})?.resolve({} as never);
    await idle;
    expect(settled).toBe(true);
    await command;
  });

  it('gives up after the grace, leaving the command pending for the hub to fail', async () => {
    const clock = new FakeClock();
    const confirmations = new CommandConfirmations(clock);
    const command = confirmations.expect('switch.a', context, isOn, 5000);
    const idle = confirmations.settled(3000);
    clock.advance(3000);
    await idle;
    expect(confirmations.hasPending('switch.a')).toBe(true);
    confirmations.rejectAll(new Error('stopping') as never);
    await expect(command).rejects.toThrow('stopping');
  });
});

describe('CommandConfirmations: progress keeps a slow device waited for', () => {
  const nearer = () => {
    let best = Number.POSITIVE_INFINITY;
    return (_state: string, attributes: Record<string, unknown>) => {
      const distance = Math.abs(100 - Number(attributes.position));
      if (distance >= best) return false;
      best = distance;
      return true;
    };
  };
  const at100 = (_state: string, attributes: Record<string, unknown>) => attributes.position === 100;

  it('confirms a device that reports progress past the timeout and gets there', async () => {
    const clock = new FakeClock();
    const confirmations = new CommandConfirmations(clock);
    const command = confirmations.expect('cover.a', context, at100, 5000, { progress: nearer() });
    for (let position = 10; position < 100; position += 10) {
      clock.advance(4000);
      expect(confirmations.claim('cover.a', 'opening', { position })).toBeUndefined();
    }
    confirmations.claim('cover.a', 'open', { position: 100 })?.resolve({ state: 'open' } as never);
    await expect(command).resolves.toMatchObject({ state: 'open' });
  });

  it('fails a timeout after the last report that got nearer, not after the first', async () => {
    const clock = new FakeClock();
    const confirmations = new CommandConfirmations(clock);
    const command = confirmations.expect('cover.a', context, at100, 5000, { progress: nearer() });
    const failed = command.catch((error: unknown) => error);
    clock.advance(3000);
    confirmations.claim('cover.a', 'opening', { position: 40 });
    clock.advance(3000);
    confirmations.claim('cover.a', 'stopped', { position: 40 });
    expect(confirmations.hasPending('cover.a')).toBe(true);
    clock.advance(2000);
    expect(await failed).toMatchObject({
      code: 'device_timeout',
      message: 'cover.a did not get there, nor nearer for 5000 ms',
    });
  });

  it('answers within MAX_PROGRESS_FACTOR timeouts however long the progress goes on', async () => {
    const clock = new FakeClock();
    const confirmations = new CommandConfirmations(clock);
    const moving = () => true;
    const failed = confirmations
      .expect('cover.a', context, at100, 5000, { progress: moving })
      .catch((error: unknown) => error);
    for (let t = 0; t < 5000 * MAX_PROGRESS_FACTOR - 1000; t += 1000) {
      clock.advance(1000);
      confirmations.claim('cover.a', 'opening', { position: 1 });
    }
    expect(confirmations.hasPending('cover.a')).toBe(true);
    clock.advance(1000);
    expect(await failed).toMatchObject({ code: 'device_timeout' });
  });
});
