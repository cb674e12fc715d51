import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthStore } from '../../../hub/auth/auth-store.ts';
import type { User } from '../../../hub/auth/users.ts';
import { Users } from '../../../hub/auth/users.ts';
import type { Database } from '../../../hub/storage/database.ts';
import { openDatabase } from '../../../hub/storage/database.ts';
import { FakeClock } from '../core/fake-clock.ts';

const MINUTE = 60_000;

describe('tokens', () => {
  let dir: string;
  let db: Database;
  let clock: FakeClock;
  let auth: AuthStore;
  let ada: User;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-auth-'));
    db = openDatabase(dir);
    clock = new FakeClock();
    auth = new AuthStore(db, clock, { users: new Users(db, clock, { ln: 10, r: 8, p: 1 }) });
    ada = await auth.users.add('ada', 'correct horse battery');
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a login a refresh token and an access token that expires after 30 minutes', () => {
    const session = auth.startSession(ada.id, 'panel', '10.0.0.5');
    expect(session.expiresIn).toBe(1800);
    expect(auth.checkToken(session.accessToken)).toEqual({ user: ada, tokenId: session.tokenId });
    // The refresh token is no access token.
    expect(auth.checkToken(session.refreshToken)).toEqual({ error: 'invalid' });
    clock.advance(30 * MINUTE);
    expect(auth.checkToken(session.accessToken)).toEqual({ error: 'expired' });
  });

  it('refreshes an access token until the refresh token is revoked, which kills its access tokens', () => {
    const session = auth.startSession(ada.id, 'panel', '10.0.0.5');
    clock.advance(31 * MINUTE);
    const fresh = auth.refresh(session.refreshToken, '10.0.0.6');
    expect(fresh && auth.verifyToken(fresh.accessToken)).toEqual(ada);
    const [info] = auth.listTokens(ada.id);
    expect(info).toMatchObject({ kind: 'session', lastUsedIp: '10.0.0.6', lastUsedAt: clock.now() });
    expect(auth.revokeByValue(session.refreshToken)).toBe(true);
    expect(auth.checkToken(fresh?.accessToken ?? '')).toEqual({ error: 'invalid' });
    expect(auth.refresh(session.refreshToken, '10.0.0.6')).toBeUndefined();
    expect(auth.tokenExists(session.tokenId)).toBe(false);
  });

  it('lets a refresh token unused for 90 days die', () => {
    const session = auth.startSession(ada.id, 'panel', '10.0.0.5');
    clock.advance(91 * 24 * 60 * MINUTE);
    expect(auth.refresh(session.refreshToken, '10.0.0.5')).toBeUndefined();
    expect(auth.listTokens(ada.id)).toEqual([]);
  });

  it('keeps long-lived tokens named and listed, only hashed, and revocable by id', () => {
    const { id, token } = auth.createLongLivedToken(ada.id, 'backup script');
    expect(auth.checkToken(token, '10.0.0.9')).toEqual({ user: ada, tokenId: id });
    clock.advance(365 * 24 * 60 * MINUTE);
    expect(auth.verifyToken(token)).toEqual(ada);
    const listed = auth.listTokens();
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        name: 'backup script',
        kind: 'long_lived',
        userName: 'ada',
        lastUsedIp: '10.0.0.9',
      }),
    ]);
    const raw = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    expect(raw).not.toContain(token);
    const bob = { id: 'someone-else' };
    expect(auth.revoke(id, bob.id)).toBe(false);
    expect(auth.revoke(id, ada.id)).toBe(true);
    expect(auth.verifyToken(token)).toBeUndefined();
  });

  it('lets a long-lived token made for 30 days expire', () => {
    const { token } = auth.createLongLivedToken(ada.id, 'guest', 30);
    clock.advance(29 * 24 * 60 * MINUTE);
    expect(auth.verifyToken(token)).toEqual(ada);
    clock.advance(24 * 60 * MINUTE);
    expect(auth.checkToken(token)).toEqual({ error: 'expired' });
  });

  it('tells its listeners which tokens were revoked', () => {
    const revoked: string[][] = [];
    auth.onRevoked((ids) => revoked.push([...ids]));
    const a = auth.startSession(ada.id, 'phone', '10.0.0.5');
    const b = auth.startSession(ada.id, 'laptop', '10.0.0.6');
    const script = auth.createLongLivedToken(ada.id, 'script');
    auth.revoke(script.id);
    auth.revokeByValue(a.refreshToken);
    auth.revokeSessions(ada.id);
    auth.revoke('no-such-token');
    expect(revoked).toEqual([[script.id], [a.tokenId], [b.tokenId]]);
  });

  it('logs a user out everywhere, keeping their long-lived tokens', () => {
    const a = auth.startSession(ada.id, 'phone', '10.0.0.5');
    const b = auth.startSession(ada.id, 'laptop', '10.0.0.6');
    const script = auth.createLongLivedToken(ada.id, 'script');
    expect(auth.revokeSessions(ada.id)).toBe(2);
    expect(auth.verifyToken(a.accessToken)).toBeUndefined();
    expect(auth.verifyToken(b.accessToken)).toBeUndefined();
    expect(auth.verifyToken(script.token)).toEqual(ada);
  });

  it('keeps at most 100 sessions per user, dropping the least recently used', () => {
    const first = auth.startSession(ada.id, 'first', '10.0.0.5');
    for (let i = 0; i < 100; i++) {
      clock.advance(1000);
      auth.startSession(ada.id, `s${i}`, '10.0.0.5');
    }
    expect(auth.listTokens(ada.id)).toHaveLength(100);
    expect(auth.tokenExists(first.tokenId)).toBe(false);
  });

  it('trades a login code once, within ten minutes', () => {
    const code = auth.createLoginCode(ada.id);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(auth.redeemLoginCode(code.toLowerCase())).toEqual(ada);
    expect(auth.redeemLoginCode(code)).toBeUndefined();
    const late = auth.createLoginCode(ada.id);
    clock.advance(11 * MINUTE);
    expect(auth.redeemLoginCode(late)).toBeUndefined();
  });

  it.each([[''], ['x'.repeat(600)], ['not-a-token']])('refuses %j as a token', (token) => {
    expect(auth.checkToken(token)).toEqual({ error: 'invalid' });
    expect(auth.refresh(token, '10.0.0.5')).toBeUndefined();
    expect(auth.revokeByValue(token)).toBe(false);
  });
});
