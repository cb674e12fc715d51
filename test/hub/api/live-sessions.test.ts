import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { LiveSessions } from '../../../hub/api/live-sessions.ts';
import type { AuthStore } from '../../../hub/auth/auth-store.ts';

class FakeSocket extends EventEmitter {
  closedWith: [number, string] | undefined;
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.emit('close');
  }
}

function setup() {
  const existing = new Set(['a', 'b']);
  let onRevoked: (ids: readonly string[]) => void = () => {};
  const auth = {
    tokenExists: (id: string) => existing.has(id),
    onRevoked: (listener: typeof onRevoked) => {
      onRevoked = listener;
    },
  } as unknown as AuthStore;
  const sessions = new LiveSessions(auth);
  const socket = (tokenId: string) => {
    const s = new FakeSocket();
    sessions.add(tokenId, s as unknown as WebSocket);
    return s;
  };
  return { sessions, existing, socket, revoke: (ids: string[]) => onRevoked(ids) };
}

describe('live sessions', () => {
  it('closes every connection of a token revoked by this hub at once', () => {
    const { socket, revoke } = setup();
    const [a1, a2, b] = [socket('a'), socket('a'), socket('b')];
    revoke(['a']);
    expect(a1.closedWith).toEqual([4003, 'token revoked']);
    expect(a2.closedWith).toEqual([4003, 'token revoked']);
    expect(b.closedWith).toBeUndefined();
  });

  it('finds tokens revoked by another process (the CLI) on its sweep', () => {
    const { sessions, socket, existing } = setup();
    const [a, b] = [socket('a'), socket('b')];
    existing.delete('b');
    sessions.sweep();
    expect(a.closedWith).toBeUndefined();
    expect(b.closedWith).toEqual([4003, 'token revoked']);
  });
});
