import type { ScryptOptions } from 'node:crypto';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters, stored with each hash so they can be raised without breaking old ones. */
export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/**
 * OWASP's password storage cheat sheet lists N=2^15, r=8, p=3 as equivalent to its N=2^17, p=1
 * first choice; this one needs 32 MiB instead of 128 MiB, which matters on a Raspberry Pi.
 * About 0.5 s on the reference machine: fine for a login, useless for guessing.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = { ln: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Longer inputs are refused rather than hashed: a megabyte "password" is an attack, not a password. */
export const MAX_PASSWORD_LENGTH = 1024;
/** At most this many hashes at once (each takes 128·N·r bytes); the rest wait their turn. */
const MAX_CONCURRENT = 2;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Hashes a password with scrypt and a fresh random salt, as a PHC string
 * (`$scrypt$ln=15,r=8,p=3$<salt>$<hash>`, base64 without padding) that carries its parameters.
 */
export async function hashPassword(
  password: string,
  params: Readonly<ScryptParams> = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

/** True when `password` matches `encoded`; false for a wrong password or a hash it cannot read. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePhc(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than `params`: rehash it at the next login. */
export function needsRehash(
  encoded: string,
  params: Readonly<ScryptParams> = DEFAULT_SCRYPT_PARAMS,
): boolean {
  const parsed = parsePhc(encoded);
  if (!parsed) return true;
  const { ln, r, p } = parsed.params;
  return ln < params.ln || r < params.r || p < params.p;
}

/**
 * The time a real verification takes, spent on nothing: a login for a user that does not exist
 * costs what a wrong password costs, so response times do not tell which names exist.
 */
export async function wasteVerification(password: string): Promise<void> {
  await derive(password, Buffer.alloc(SALT_BYTES), DEFAULT_SCRYPT_PARAMS);
}

function parsePhc(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = PHC.exec(encoded);
  if (!match) return undefined;
  const [, ln, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const params = { ln: Number(ln), r: Number(r), p: Number(p) };
  // Bounds on what a stored hash may ask for, so a tampered row cannot make a login allocate gigabytes.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 16 || params.p < 1 || params.p > 16)
    return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, params: Readonly<ScryptParams>): Promise<Buffer> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new RangeError('password too long');
  await acquire();
  try {
    const N = 2 ** params.ln;
    const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
    return await new Promise<Buffer>((resolve, reject) =>
      // NFKC: the same password typed on another keyboard (composed or decomposed accents) matches.
      scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  } finally {
    release();
  }
}

async function acquire(): Promise<void> {
  if (running < MAX_CONCURRENT) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
}

/** Hands the slot straight to the next in line, so a newcomer cannot slip past the limit. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

const b64 = (buffer: Buffer): string => buffer.toString('base64').replace(/=+$/, '');
