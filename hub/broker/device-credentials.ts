import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScryptParams } from '../auth/password-hash.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from '../auth/password-hash.ts';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../storage/database.ts';
import { isReservedUsername } from './mqtt-acl.ts';

/**
 * A device's password is 144 random bits made by `hearth device add`, never chosen by a person,
 * so no amount of hashing work makes it harder to guess: scrypt here only keeps a stolen database
 * from being a list of working passwords. N=2^10 (about 2 ms) keeps a broker restart with
 * thousands of devices reconnecting at once to a second or two of CPU, where a login's N=2^15
 * would take minutes.
 */
const DEVICE_SCRYPT: Readonly<ScryptParams> = { ln: 10, r: 8, p: 1 };

/** A device name is its MQTT username and a topic level (`%u`): no `/`, `+`, `#`, `$` or spaces. */
const DEVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class CredentialError extends Error {}

export interface DeviceCredentialInfo {
  readonly username: string;
  readonly createdAt: number;
}

interface Verified {
  readonly hash: string;
  readonly digest: Buffer;
}

/**
 * Per-device MQTT credentials in SQLite, hashed. Verification at CONNECT is asynchronous (scrypt
 * runs on libuv's pool, not the broker's thread), and a verified password is remembered as a
 * SHA-256 digest against the stored hash, so a device that reconnects costs a lookup, not a
 * scrypt. A changed or removed credential no longer matches the remembered hash.
 */
export class DeviceCredentials {
  private readonly verified = new Map<string, Verified>();
  private dataVersion: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.dataVersion = this.readDataVersion();
  }

  /** Creates a credential and returns its password, which is stored only as a hash. */
  async add(username: string, options: { discoveryPrefix?: string } = {}): Promise<string> {
    checkDeviceName(username, options.discoveryPrefix ?? 'homeassistant');
    if (this.hashOf(username) !== undefined) throw new CredentialError(`device "${username}" already exists`);
    const password = randomBytes(18).toString('base64url');
    const hash = await hashPassword(password, DEVICE_SCRYPT);
    try {
      this.db
        .prepare('INSERT INTO mqtt_credentials (username, hash, created_at) VALUES (?, ?, ?)')
        .run(username, hash, this.clock.now());
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new CredentialError(`device "${username}" already exists`);
      throw error;
    }
    return password;
  }

  list(): DeviceCredentialInfo[] {
    const rows = this.db
      .prepare('SELECT username, created_at FROM mqtt_credentials ORDER BY username')
      .all() as { username: string; created_at: number }[];
    return rows.map((row) => ({ username: row.username, createdAt: row.created_at }));
  }

  /** False when there was no such device. */
  remove(username: string): boolean {
    this.verified.delete(username);
    return this.db.prepare('DELETE FROM mqtt_credentials WHERE username = ?').run(username).changes > 0;
  }

  /** The stored hash, which identifies this credential (a re-added device gets another). */
  hashOf(username: string): string | undefined {
    const row = this.db.prepare('SELECT hash FROM mqtt_credentials WHERE username = ?').get(username) as
      | { hash: string }
      | undefined;
    return row?.hash;
  }

  /** The stored hash when `password` is the device's, else undefined. */
  async verify(username: string, password: Buffer): Promise<string | undefined> {
    if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return undefined;
    const hash = this.hashOf(username);
    if (hash === undefined) return undefined;
    const digest = createHash('sha256').update(password).digest();
    const known = this.verified.get(username);
    if (known?.hash === hash && timingSafeEqual(known.digest, digest)) return hash;
    if (!(await verifyPassword(password.toString('utf8'), hash))) return undefined;
    this.verified.set(username, { hash, digest });
    return hash;
  }

  /**
   * True when another connection (`hearth device remove` in another process) has committed to the
   * database since the last call: SQLite's `data_version`, a cheap way to notice without polling rows.
   */
  changedElsewhere(): boolean {
    const version = this.readDataVersion();
    const changed = version !== this.dataVersion;
    this.dataVersion = version;
    return changed;
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}

/** Throws CredentialError unless `name` can be a device's username. */
export function checkDeviceName(name: string, discoveryPrefix: string): void {
  if (!DEVICE_NAME.test(name))
    throw new CredentialError(
      `device name "${name.slice(0, 80)}" must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  if (isReservedUsername(name, discoveryPrefix))
    throw new CredentialError(
      `device name "${name}" is reserved: it names a topic tree shared by all devices`,
    );
}
