import type { WebSocket } from 'ws';

/**
 * Protocol-level ping (RFC 6455 §5.5.2) every `intervalMs`; a peer that has not answered the
 * previous ping by the next one is gone — a phone that left the Wi-Fi, a laptop closed mid-session
 * — and is terminated, which frees its subscriptions. Without this a half-open TCP connection
 * holds them until the kernel gives up, hours later.
 */
export class Heartbeat {
  private readonly sockets = new Set<WebSocket>();
  private readonly answered = new WeakSet<WebSocket>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly intervalMs: number) {}

  add(socket: WebSocket): void {
    this.sockets.add(socket);
    this.answered.add(socket);
    socket.on('pong', () => this.answered.add(socket));
    socket.once('close', () => this.sockets.delete(socket));
  }

  start(): void {
    this.timer ??= setInterval(() => this.beat(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private beat(): void {
    for (const socket of this.sockets) {
      if (!this.answered.has(socket)) {
        socket.terminate();
        continue;
      }
      this.answered.delete(socket);
      socket.ping();
    }
  }
}
