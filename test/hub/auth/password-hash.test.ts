import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../../hub/auth/password-hash.ts';

const CHEAP = { ln: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('stores scrypt with its parameters and a per-hash salt, as a PHC string', async () => {
    const a = await hashPassword('correct horse', CHEAP);
    const b = await hashPassword('correct horse', CHEAP);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('matches a password typed with composed or decomposed accents', async () => {
    const hash = await hashPassword('caf\u00e9-au-lait', CHEAP);
    expect(await verifyPassword('cafe\u0301-au-lait', hash)).toBe(true);
  });

  it.each([
    ['not a hash'],
    ['$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['$scrypt$ln=10,r=99,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'],
  ])('refuses, without hashing, a stored value it cannot trust: %s', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('asks for a rehash when the stored parameters are weaker than the current ones', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    expect(needsRehash(hash, CHEAP)).toBe(false);
    expect(needsRehash(hash, { ln: 11, r: 8, p: 1 })).toBe(true);
  });

  it('refuses to hash a password longer than 1024 characters', async () => {
    await expect(hashPassword('x'.repeat(1025), CHEAP)).rejects.toThrow(/too long/);
  });
});
