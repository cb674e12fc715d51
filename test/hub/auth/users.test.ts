import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../../hub/auth/users.ts';
import type { Database } from '../../../hub/storage/database.ts';
import { openDatabase } from '../../../hub/storage/database.ts';
import { FakeClock } from '../core/fake-clock.ts';

const CHEAP = { ln: 10, r: 8, p: 1 };

describe('users', () => {
  let dir: string;
  let db: Database;
  let users: Users;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-users-'));
    db = openDatabase(dir);
    users = new Users(db, new FakeClock(), CHEAP);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the first user the owner, and keeps only a scrypt hash of the password', async () => {
    const ada = await users.add('Ada', 'correct horse battery');
    const bob = await users.add('bob', 'another password');
    expect(ada.isOwner).toBe(true);
    expect(bob.isOwner).toBe(false);
    const stored = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(ada.id) as {
      password_hash: string;
    };
    expect(stored.password_hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(users.list().map((u) => [u.name, u.isOwner, u.hasPassword])).toEqual([
      ['Ada', true, true],
      ['bob', false, true],
    ]);
  });

  it('signs in with the right name, in any case, and password only', async () => {
    const ada = await users.add('Ada', 'correct horse battery');
    expect(await users.authenticate('ada', 'correct horse battery')).toEqual(ada);
    expect(await users.authenticate(' ADA ', 'correct horse battery')).toEqual(ada);
    expect(await users.authenticate('Ada', 'wrong horse battery')).toBeUndefined();
    expect(await users.authenticate('nobody', 'correct horse battery')).toBeUndefined();
  });

  it('cannot sign in with a password a user without one never had', async () => {
    await users.add('demo', undefined);
    expect(await users.authenticate('demo', '')).toBeUndefined();
  });

  it.each([
    ['', 'correct horse battery', 'the name must not be empty'],
    ['x'.repeat(65), 'correct horse battery', 'the name must be at most 64 characters'],
    ['bad\tname', 'correct horse battery', 'the name must not contain control characters'],
    ['ada', 'short', 'the password must be at least 8 characters'],
  ])('refuses the name %j with password %j: %s', async (name, password, message) => {
    await expect(users.add(name, password)).rejects.toThrow(message);
    expect(users.count()).toBe(0);
  });

  it('refuses a second user of the same name in another case', async () => {
    await users.add('Ada', 'correct horse battery');
    await expect(users.add('ADA', 'correct horse battery')).rejects.toThrow(
      'a user named "ADA" already exists',
    );
  });

  it('creates the first owner once, however many ask at the same time', async () => {
    const results = await Promise.all([
      users.addFirstOwner('first', 'correct horse battery'),
      users.addFirstOwner('second', 'correct horse battery'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(users.count()).toBe(1);
  });

  it('keeps the last owner, and removes anyone else with their tokens', async () => {
    const ada = await users.add('ada', 'correct horse battery');
    const bob = await users.add('bob', 'correct horse battery');
    db.prepare(
      "INSERT INTO tokens (id, user_id, name, kind, hash, created_at) VALUES ('t', ?, 'x', 'long_lived', x'00', 0)",
    ).run(bob.id);
    expect(() => users.remove('ada')).toThrow('"ada" is the last owner and cannot be removed');
    expect(users.remove('BOB')).toEqual(bob);
    expect(db.prepare('SELECT COUNT(*) AS n FROM tokens').get()).toEqual({ n: 0 });
    expect(() => users.remove('bob')).toThrow('no user named "bob"');
    expect(users.byName('ada')).toEqual(ada);
  });

  it('changes a password', async () => {
    await users.add('ada', 'correct horse battery');
    await users.setPassword('ada', 'new and better');
    expect(await users.authenticate('ada', 'correct horse battery')).toBeUndefined();
    expect((await users.authenticate('ada', 'new and better'))?.name).toBe('ada');
  });

  it('upgrades a hash made with weaker parameters at the next sign-in', async () => {
    await new Users(db, new FakeClock(), CHEAP).add('ada', 'correct horse battery');
    const stronger = new Users(db, new FakeClock(), { ln: 11, r: 8, p: 1 });
    expect(await stronger.authenticate('ada', 'correct horse battery')).toBeDefined();
    const stored = db.prepare("SELECT password_hash FROM users WHERE name = 'ada'").get() as {
      password_hash: string;
    };
    expect(stored.password_hash).toMatch(/^\$scrypt\$ln=11,/);
  });
});
