import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../storage/database.ts';

export interface User {
  id: string;
  name: string;
  isOwner: boolean;
}

export interface TokenInfo {
  id: string;
  name: string;
  kind: 'long_lived' | 'session';
  createdAt: number;
  lastUsedAt: number | null;
}

/** A login code lives ten minutes, and works once. */
const LOGIN_CODE_TTL_MS = 10 * 60 * 1000;
// No 0/O/1/I/L: the code is read off a terminal and may be typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Users, access tokens and one-time login codes, in SQLite. Tokens and codes are stored only as
 * SHA-256 hashes: they are 256-bit random values, so a fast hash is enough (unlike passwords);
 * a stolen database yields no usable token.
 */
export class AuthStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The owner, created on first use. */
  owner(): User {
    const row = this.db
      .prepare('SELECT id, name FROM users WHERE is_owner = 1 ORDER BY created_at LIMIT 1')
      .get() as { id: string; name: string } | undefined;
    if (row) return { id: row.id, name: row.name, isOwner: true };
    const user: User = { id: randomUUID().replaceAll('-', ''), name: 'Owner', isOwner: true };
    this.db
      .prepare('INSERT INTO users (id, name, is_owner, created_at) VALUES (?, ?, 1, ?)')
      .run(user.id, user.name, this.clock.now());
    return user;
  }

  /** Creates an access token and returns it; only its hash is kept. */
  createToken(userId: string, name: string, kind: TokenInfo['kind']): string {
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO tokens (id, user_id, name, kind, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), userId, name, kind, sha256(token), this.clock.now());
    return token;
  }

  /** The user a token belongs to, or undefined. */
  verifyToken(token: string): User | undefined {
    if (token.length === 0 || token.length > 512) return undefined;
    const row = this.db
      .prepare(
        'SELECT u.id, u.name, u.is_owner FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?',
      )
      .get(sha256(token)) as { id: string; name: string; is_owner: number } | undefined;
    return row ? { id: row.id, name: row.name, isOwner: row.is_owner === 1 } : undefined;
  }

  userById(id: string): User | undefined {
    const row = this.db.prepare('SELECT id, name, is_owner FROM users WHERE id = ?').get(id) as
      | { id: string; name: string; is_owner: number }
      | undefined;
    return row ? { id: row.id, name: row.name, isOwner: row.is_owner === 1 } : undefined;
  }

  listTokens(userId: string): TokenInfo[] {
    const rows = this.db
      .prepare(
        'SELECT id, name, kind, created_at, last_used_at FROM tokens WHERE user_id = ? ORDER BY created_at',
      )
      .all(userId) as {
      id: string;
      name: string;
      kind: TokenInfo['kind'];
      created_at: number;
      last_used_at: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
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

  /** Trades a login code for a session token; the code is gone afterwards, used or not. */
  redeemLoginCode(code: string): string | undefined {
    const normalized = code.trim().toUpperCase();
    if (normalized.length > 32) return undefined;
    const hash = sha256(normalized);
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT user_id, expires_at FROM login_codes WHERE hash = ?').get(hash) as
          | { user_id: string; expires_at: number }
          | undefined;
        if (!row) return undefined;
        this.db.prepare('DELETE FROM login_codes WHERE hash = ?').run(hash);
        if (row.expires_at < this.clock.now()) return undefined;
        return this.createToken(
          row.user_id,
          `panel login ${new Date(this.clock.now()).toISOString()}`,
          'session',
        );
      })
      .immediate();
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
