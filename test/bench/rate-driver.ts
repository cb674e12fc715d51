/** A sender's clock that another process on the machine can compare with its own, in ms. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();

/**
 * Calls `emit` `rate` times a second for `durationMs`, with the wall-clock time each one was due:
 * a sender that falls behind catches up in bursts, and the lateness counts as latency, so a
 * saturated sender cannot flatter the figures. Resolves with how many were emitted.
 */
export async function driveAtRate(
  rate: number,
  durationMs: number,
  emit: (seq: number, dueAtMs: number) => void,
): Promise<number> {
  const start = wallClockMs();
  const total = Math.floor((durationMs * rate) / 1000);
  let sent = 0;
  for (;;) {
    const elapsed = wallClockMs() - start;
    const due = Math.min(Math.floor((elapsed * rate) / 1000), total);
    for (; sent < due; sent++) emit(sent, start + (sent * 1000) / rate);
    if (sent >= total) return sent;
    // A timer, not setImmediate: the process must still read its sockets between bursts.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
