import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../storage/database.ts';
import type { ScryptParams } from './password-hash.ts';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  verifyPassword,
  wasteVerification,
} from './password-hash.ts';

export interface User {
  id: string;
  name: string;
  isOwner: boolean;
}

export interface UserInfo extends User {
  hasPassword: boolean;
  createdAt: number;
}

/** A request about users that cannot be done as asked; the message is meant for the person. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** NIST SP 800-63B §5.1.1.2: at least 8 characters, and long passphrases welcome. */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_NAME_LENGTH = 64;

interface UserRow {
  id: string;
  name: string;
  is_owner: number;
  password_hash: string | null;
  created_at: number;
}

const toUser = (row: UserRow): User => ({ id: row.id, name: row.name, isOwner: row.is_owner === 1 });

/**
 * The people who may use the hub, with their scrypt password hashes. Names are login names,
 * unique whatever their case. The first user is the owner; the last owner cannot be removed.
 */
export class Users {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly scrypt: Readonly<ScryptParams> = DEFAULT_SCRYPT_PARAMS,
  ) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): UserInfo[] {
    const rows = this.db
      .prepare('SELECT id, name, is_owner, password_hash, created_at FROM users ORDER BY created_at, name')
      .all() as UserRow[];
    return rows.map((row) => ({
      ...toUser(row),
      hasPassword: row.password_hash !== null,
      createdAt: row.created_at,
    }));
  }

  byId(id: string): User | undefined {
    const row = this.row('id = ?', id);
    return row && toUser(row);
  }

  byName(name: string): User | undefined {
    const row = this.row('name = ? COLLATE NOCASE', name.trim());
    return row && toUser(row);
  }

  /** The first owner, if there is one. */
  owner(): User | undefined {
    const row = this.row('is_owner = 1 ORDER BY created_at LIMIT 1');
    return row && toUser(row);
  }

  /**
   * Adds a user; the first one is always the owner. Without a password the user can only be
   * signed in by a login code or a token (the demo's owner), until `hearth user passwd`.
   */
  async add(name: string, password: string | undefined, options: { owner?: boolean } = {}): Promise<User> {
    const cleanName = checkName(name);
    const hash = password === undefined ? null : await hashPassword(checkPassword(password), this.scrypt);
    return this.db
      .transaction(() => {
        if (this.byName(cleanName)) throw new UserError(`a user named "${cleanName}" already exists`);
        return this.insert(cleanName, hash, options.owner === true || this.count() === 0);
      })
      .immediate();
  }

  /**
   * Onboarding: creates the owner only while there is no user at all, atomically, so two people
   * racing through the first-start form cannot both become owners. Undefined when too late.
   */
  async addFirstOwner(name: string, password: string): Promise<User | undefined> {
    const cleanName = checkName(name);
    const hash = await hashPassword(checkPassword(password), this.scrypt);
    return this.db
      .transaction(() => (this.count() === 0 ? this.insert(cleanName, hash, true) : undefined))
      .immediate();
  }

  /** Removes a user, with their tokens; the last owner stays, or nobody could manage the hub. */
  remove(name: string): User {
    return this.db
      .transaction(() => {
        const user = this.byName(name);
        if (!user) throw new UserError(`no user named "${name}"`);
        const owners = (
          this.db.prepare('SELECT COUNT(*) AS n FROM users WHERE is_owner = 1').get() as { n: number }
        ).n;
        if (user.isOwner && owners === 1)
          throw new UserError(`"${user.name}" is the last owner and cannot be removed`);
        this.db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
        return user;
      })
      .immediate();
  }

  async setPassword(name: string, password: string): Promise<User> {
    const user = this.byName(name);
    if (!user) throw new UserError(`no user named "${name}"`);
    const hash = await hashPassword(checkPassword(password), this.scrypt);
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, user.id);
    return user;
  }

  /**
   * The user with this name and password, or undefined. A name that does not exist costs as much
   * time as a wrong password. A hash made with weaker parameters is upgraded on success.
   */
  async authenticate(name: string, password: string): Promise<User | undefined> {
    if (password.length > MAX_PASSWORD_LENGTH || name.length > MAX_NAME_LENGTH) return undefined;
    const row = this.row('name = ? COLLATE NOCASE', name.trim());
    if (!row?.password_hash) {
      await wasteVerification(password);
      return undefined;
    }
    if (!(await verifyPassword(password, row.password_hash))) return undefined;
    if (needsRehash(row.password_hash, this.scrypt)) {
      const hash = await hashPassword(password, this.scrypt);
      this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, row.id);
    }
    return toUser(row);
  }

  private row(where: string, ...params: unknown[]): UserRow | undefined {
    return this.db
      .prepare(`SELECT id, name, is_owner, password_hash, created_at FROM users WHERE ${where}`)
      .get(...params) as UserRow | undefined;
  }

  private insert(name: string, hash: string | null, owner: boolean): User {
    const user: User = { id: randomUUID().replaceAll('-', ''), name, isOwner: owner };
    this.db
      .prepare('INSERT INTO users (id, name, is_owner, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(user.id, name, owner ? 1 : 0, hash, this.clock.now());
    return user;
  }
}

/** A login name: 1–64 characters, no control characters, no spaces around it. */
export function checkName(name: string): string {
  const clean = name.trim();
  if (clean === '') throw new UserError('the name must not be empty');
  if (clean.length > MAX_NAME_LENGTH)
    throw new UserError(`the name must be at most ${MAX_NAME_LENGTH} characters`);
  if (/\p{Cc}/u.test(clean)) throw new UserError('the name must not contain control characters');
  return clean;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UserError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new UserError(`the password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}
