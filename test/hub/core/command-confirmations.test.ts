import { describe, expect, it } from 'vitest';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
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
