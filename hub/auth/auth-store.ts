import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../storage/database.ts';
import type { User } from './users.ts';
import { Users } from './users.ts';

export type { User } from './users.ts';

/**
 * `session`: a refresh token, made by a login, that the panel trades for short-lived access
 * tokens. `long_lived`: an access token itself, for scripts, made by `hearth token create` or in
 * the panel's settings.
 */
export type TokenKind = 'long_lived' | 'session';

export interface TokenInfo {
  id: string;
  name: string;
  kind: TokenKind;
  userId: string;
  userName: string;
  createdAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
  expiresAt: number | null;
}

/** What a presented access token is worth; `expired` is a real token past its time, not an attack. */
export type TokenCheck = { user: User; tokenId: string } | { error: 'expired' | 'invalid' };

export interface AccessGrant {
  accessToken: string;
  /** Seconds, as OAuth 2's `expires_in`. */
  expiresIn: number;
}

export interface SessionGrant extends AccessGrant {
  refreshToken: string;
  tokenId: string;
}

export interface AuthStoreOptions {
  /** How long an access token lives, in ms. Default 30 minutes. */
  accessTokenTtlMs?: number;
}

/** A login code lives ten minutes, and works once. */
const LOGIN_CODE_TTL_MS = 10 * 60 * 1000;
/** A refresh token unused this long is dead, as Home Assistant's are after 90 days. */
const REFRESH_IDLE_MS = 90 * 24 * 60 * 60 * 1000;
/** Expired access tokens are kept a day, so that one presented late is told `expired`, not `invalid`. */
const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;
/** Bounds per user, so a script that logs in in a loop cannot grow the database without end. */
const MAX_SESSIONS_PER_USER = 100;
const MAX_LONG_LIVED_PER_USER = 100;
/** `last_used_at` of a long-lived token is written at most once a minute, not on every request. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;
// No 0/O/1/I/L: the code is read off a terminal and may be typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  is_owner: number;
}

/**
 * Users, refresh tokens, access tokens and one-time login codes, in SQLite. Tokens and codes are
 * stored only as SHA-256 hashes: they are 256-bit random values, so a fast hash is enough (unlike
 * passwords); a stolen database yields no usable token. Revoking a refresh token deletes its row,
 * and with it (ON DELETE CASCADE) every access token it issued.
 */
export class AuthStore {
  readonly users: Users;
  private readonly accessTokenTtlMs: number;
  private readonly revokedListeners: ((tokenIds: readonly string[]) => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    options: AuthStoreOptions & { users?: Users } = {},
  ) {
    this.users = options.users ?? new Users(db, clock);
    this.accessTokenTtlMs = options.accessTokenTtlMs ?? 30 * 60 * 1000;
  }

  /** A long-lived access token, valid `lifespanDays` or for ever; only its hash is kept. */
  createLongLivedToken(userId: string, name: string, lifespanDays?: number): { id: string; token: string } {
    const count = this.db
      .prepare("SELECT COUNT(*) AS n FROM tokens WHERE user_id = ? AND kind = 'long_lived'")
      .get(userId) as { n: number };
    if (count.n >= MAX_LONG_LIVED_PER_USER)
      throw new RangeError(`at most ${MAX_LONG_LIVED_PER_USER} long-lived tokens per user; revoke one first`);
    const expiresAt =
      lifespanDays === undefined ? null : this.clock.now() + lifespanDays * 24 * 60 * 60 * 1000;
    return this.insertToken(userId, name, 'long_lived', expiresAt);
  }

  /** A login: a refresh token and its first access token. */
  startSession(userId: string, name: string, address: string): SessionGrant {
    return this.db
      .transaction(() => {
        const { id, token } = this.insertToken(userId, name, 'session', null);
        this.db
          .prepare(
            `DELETE FROM tokens WHERE id IN (SELECT id FROM tokens WHERE user_id = ? AND kind = 'session'
             ORDER BY COALESCE(last_used_at, created_at) DESC LIMIT -1 OFFSET ?)`,
          )
          .run(userId, MAX_SESSIONS_PER_USER);
        return { ...this.issueAccessToken(id, address), refreshToken: token, tokenId: id };
      })
      .immediate();
  }

  /** OAuth 2's refresh grant: a new access token, or undefined for a revoked or unknown one. */
  refresh(refreshToken: string, address: string): AccessGrant | undefined {
    if (!plausible(refreshToken)) return undefined;
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare("SELECT id, created_at, last_used_at FROM tokens WHERE hash = ? AND kind = 'session'")
          .get(sha256(refreshToken)) as
          | { id: string; created_at: number; last_used_at: number | null }
          | undefined;
        if (!row) return undefined;
        if ((row.last_used_at ?? row.created_at) < this.clock.now() - REFRESH_IDLE_MS) {
          this.db.prepare('DELETE FROM tokens WHERE id = ?').run(row.id);
          return undefined;
        }
        return this.issueAccessToken(row.id, address);
      })
      .immediate();
  }

  /** The user an access token (short-lived or long-lived) belongs to, or why not. */
  checkToken(token: string, address?: string): TokenCheck {
    if (!plausible(token)) return { error: 'invalid' };
    const hash = sha256(token);
    const access = this.db
      .prepare(
        `SELECT t.id, t.user_id, u.name, u.is_owner, a.expires_at FROM access_tokens a
         JOIN tokens t ON t.id = a.refresh_token_id JOIN users u ON u.id = t.user_id WHERE a.hash = ?`,
      )
      .get(hash) as (TokenRow & { expires_at: number }) | undefined;
    if (access) {
      if (access.expires_at <= this.clock.now()) return { error: 'expired' };
      return { user: userOf(access), tokenId: access.id };
    }
    const longLived = this.db
      .prepare(
        `SELECT t.id, t.user_id, u.name, u.is_owner, t.expires_at FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.hash = ? AND t.kind = 'long_lived'`,
      )
      .get(hash) as (TokenRow & { expires_at: number | null }) | undefined;
    if (!longLived) return { error: 'invalid' };
    const now = this.clock.now();
    if (longLived.expires_at !== null && longLived.expires_at <= now) return { error: 'expired' };
    this.db
      .prepare(
        'UPDATE tokens SET last_used_at = ?, last_used_ip = COALESCE(?, last_used_ip) WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
      )
      .run(now, address ?? null, longLived.id, now - LAST_USED_RESOLUTION_MS);
    return { user: userOf(longLived), tokenId: longLived.id };
  }

  /** The user an access token belongs to, or undefined (expired or not). */
  verifyToken(token: string): User | undefined {
    const check = this.checkToken(token);
    return 'user' in check ? check.user : undefined;
  }

  /** False once the token is revoked or its user removed: its open connections must go. */
  tokenExists(tokenId: string): boolean {
    return this.db.prepare('SELECT 1 FROM tokens WHERE id = ?').get(tokenId) !== undefined;
  }

  /** Every token of one user, or of everyone. */
  listTokens(userId?: string): TokenInfo[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.name, t.kind, t.user_id, u.name AS user_name, t.created_at, t.last_used_at, t.last_used_ip,
           t.expires_at
         FROM tokens t JOIN users u ON u.id = t.user_id ${userId === undefined ? '' : 'WHERE t.user_id = ?'}
         ORDER BY t.created_at, t.name`,
      )
      .all(...(userId === undefined ? [] : [userId])) as {
      id: string;
      name: string;
      kind: TokenKind;
      user_id: string;
      user_name: string;
      created_at: number;
      last_used_at: number | null;
      last_used_ip: string | null;
      expires_at: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      userId: r.user_id,
      userName: r.user_name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      lastUsedIp: r.last_used_ip,
      expiresAt: r.expires_at,
    }));
  }

  /** Revokes a token by id, with its access tokens; `userId` confines it to that user's tokens. */
  revoke(tokenId: string, userId?: string): boolean {
    const sql = `SELECT id FROM tokens WHERE id = ?${userId === undefined ? '' : ' AND user_id = ?'}`;
    return this.deleteTokens(sql, tokenId, ...(userId === undefined ? [] : [userId])) > 0;
  }

  /** Revokes a refresh or long-lived token by its value (logout, RFC 7009). */
  revokeByValue(token: string): boolean {
    if (!plausible(token)) return false;
    return this.deleteTokens('SELECT id FROM tokens WHERE hash = ?', sha256(token)) > 0;
  }

  /** Logs a user out everywhere (a changed password); long-lived tokens stay. */
  revokeSessions(userId: string): number {
    return this.deleteTokens("SELECT id FROM tokens WHERE user_id = ? AND kind = 'session'", userId);
  }

  /** Called with the ids of tokens revoked by this hub, so that connections using them close at once. */
  onRevoked(listener: (tokenIds: readonly string[]) => void): void {
    this.revokedListeners.push(listener);
  }

  /** A one-time login code for the panel, like `K7QX-M2PD`. */
  createLoginCode(userId: string): string {
    const bytes = randomBytes(8);
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length];
    code = `${code.slice(0, 4)}-${code.slice(4)}`;
    this.db.prepare('DELETE FROM login_codes WHERE expires_at < ?').run(this.clock.now());
    this.db
      .prepare('INSERT INTO login_codes (hash, user_id, expires_at) VALUES (?, ?, ?)')
      .run(sha256(code), userId, this.clock.now() + LOGIN_CODE_TTL_MS);
    return code;
  }

  /** The user a login code is for; the code is gone afterwards, used or not. */
  redeemLoginCode(code: string): User | undefined {
    const normalized = code.trim().toUpperCase();
    if (normalized.length === 0 || normalized.length > 32) return undefined;
    const hash = sha256(normalized);
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT user_id, expires_at FROM login_codes WHERE hash = ?').get(hash) as
          | { user_id: string; expires_at: number }
          | undefined;
        if (!row) return undefined;
        this.db.prepare('DELETE FROM login_codes WHERE hash = ?').run(hash);
        if (row.expires_at < this.clock.now()) return undefined;
        return this.users.byId(row.user_id);
      })
      .immediate();
  }

  private deleteTokens(selectIds: string, ...params: unknown[]): number {
    const ids = (this.db.prepare(selectIds).all(...params) as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return 0;
    const remove = this.db.prepare('DELETE FROM tokens WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
    for (const listener of this.revokedListeners) listener(ids);
    return ids.length;
  }

  private insertToken(
    userId: string,
    name: string,
    kind: TokenKind,
    expiresAt: number | null,
  ): { id: string; token: string } {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare(
        'INSERT INTO tokens (id, user_id, name, kind, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, userId, name, kind, sha256(token), this.clock.now(), expiresAt);
    return { id, token };
  }

  private issueAccessToken(refreshTokenId: string, address: string): AccessGrant {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    this.db.prepare('DELETE FROM access_tokens WHERE expires_at < ?').run(now - EXPIRED_KEPT_MS);
    this.db
      .prepare('INSERT INTO access_tokens (hash, refresh_token_id, expires_at) VALUES (?, ?, ?)')
      .run(sha256(token), refreshTokenId, now + this.accessTokenTtlMs);
    this.db
      .prepare('UPDATE tokens SET last_used_at = ?, last_used_ip = ? WHERE id = ?')
      .run(now, address, refreshTokenId);
    return { accessToken: token, expiresIn: Math.round(this.accessTokenTtlMs / 1000) };
  }
}

/** Tokens are 43 characters of base64url; anything far off is not worth a database lookup. */
const plausible = (token: string): boolean => token.length > 0 && token.length <= 512;

const userOf = (row: TokenRow): User => ({ id: row.user_id, name: row.name, isOwner: row.is_owner === 1 });

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
