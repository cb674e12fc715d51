import type { WebSocket } from 'ws';
import type { AuthStore } from '../auth/auth-store.ts';

/** Close code for a connection whose token was revoked or whose user was removed. */
export const CLOSE_REVOKED = 4003;

/**
 * Which open WebSocket connections hold which token, so that revoking a token ends them too, not
 * only their next login. A revocation made by this hub (the panel's settings, a logout) closes
 * them at once; one made by another process (`hearth token revoke`, `hearth user remove`) is
 * found by a sweep every `sweepMs`.
 */
export class LiveSessions {
  private readonly byToken = new Map<string, Set<WebSocket>>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly auth: AuthStore,
    private readonly sweepMs = 30_000,
  ) {
    auth.onRevoked((ids) => {
      for (const id of ids) this.end(id);
    });
  }

  add(tokenId: string, socket: WebSocket): void {
    const sockets = this.byToken.get(tokenId) ?? new Set<WebSocket>();
    this.byToken.set(tokenId, sockets);
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.byToken.get(tokenId) === sockets) this.byToken.delete(tokenId);
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.sweep(), this.sweepMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  sweep(): void {
    for (const tokenId of this.byToken.keys()) if (!this.auth.tokenExists(tokenId)) this.end(tokenId);
  }

  private end(tokenId: string): void {
    const sockets = this.byToken.get(tokenId);
    this.byToken.delete(tokenId);
    for (const socket of sockets ?? []) socket.close(CLOSE_REVOKED, 'token revoked');
  }
}
