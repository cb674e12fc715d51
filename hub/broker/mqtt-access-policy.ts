import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AedesOptions, AedesPublishPacket, Client, PublishPacket, Subscription } from 'aedes';
import type { MqttConfig } from '../config/mqtt-config.ts';
import type { Logger } from '../core/logger.ts';
import type { DeviceCredentials } from './device-credentials.ts';
import { DiscoveryGuard } from './discovery-guard.ts';
import { defaultAclPatterns, isReservedUsername, TopicAcl } from './mqtt-acl.ts';

/** Where a connection came in: the listener's name for logs, and whether it admits anonymous clients. */
export interface ConnectionOrigin {
  readonly address: string;
  readonly listener: string;
  readonly anonymous: boolean;
}

interface Session {
  /** For logs: `user "kitchen-plug"`, `anonymous`. */
  readonly label: string;
  /** Who owns the discovery topics this client writes. */
  readonly owner: string;
  /** Undefined: unrestricted (the hub, an admin, an anonymous client on loopback). */
  readonly acl: TopicAcl | undefined;
  /** A device's stored hash at CONNECT; the connection ends when it changes. */
  readonly credential?: { username: string; hash: string };
  readonly where: string;
}

/** CONNACK return codes, MQTT 3.1.1 §3.2.2.3. */
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

/** [MQTT-3.1.3-5] lets a server refuse long client ids; real firmware stays far below. */
const MAX_CLIENT_ID_LENGTH = 128;
/** `+`, `#` and `/` in a client id or username would turn `%c`/`%u` rules into wildcards. */
const WILDCARD_OR_SEPARATOR = /[+#/]/;

/** An identity from the wire, safe to print: quoted, control characters escaped, cut short. */
const shown = (text: string): string => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);

/**
 * Who may connect to the embedded broker and what each may do, as aedes hooks. Devices log in
 * with `hearth device add` credentials and are confined by the ACL; the hub's own client and the
 * configured admins are unrestricted; anonymous clients are admitted only on a loopback listener
 * (Mosquitto 2's rule). `$` topics are closed to every client. Connects, refusals and failures are
 * logged with the client id, username and address — never a password or a payload.
 */
export class MqttAccessPolicy {
  private readonly origins = new WeakMap<object, ConnectionOrigin>();
  /** What CONNECT said that aedes does not keep: the will topic, an empty client id. */
  private readonly connectPackets = new WeakMap<
    Client,
    { willTopic?: string; emptyId: boolean; clean: boolean }
  >();
  private readonly sessions = new WeakMap<Client, Session>();
  /** Clients logged in with a device credential, to end them when it is removed. */
  private readonly deviceClients = new Set<Client>();
  /** Credentials made at start for the hub's own clients: username → SHA-256 of the password. */
  private readonly internal = new Map<string, Buffer>();
  private readonly guard: DiscoveryGuard;
  private readonly patterns;

  constructor(
    private readonly options: {
      credentials: DeviceCredentials;
      mqtt: MqttConfig;
      discoveryPrefix: string;
      log: Logger;
    },
  ) {
    this.guard = new DiscoveryGuard(options.discoveryPrefix);
    this.patterns = options.mqtt.acl.patterns ?? defaultAclPatterns(options.discoveryPrefix);
  }

  /** A random credential, valid until the broker stops, for a client of the hub's own (unrestricted). */
  issueInternalCredential(username: string): { username: string; password: string } {
    const password = randomBytes(24).toString('base64url');
    this.internal.set(username, sha256(Buffer.from(password)));
    return { username, password };
  }

  /** Remembers where a connection came from, before aedes sees it. */
  attach(connection: object, origin: ConnectionOrigin): void {
    this.origins.set(connection, origin);
  }

  hooks(): Required<
    Pick<
      AedesOptions,
      'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe' | 'authorizeForward'
    >
  > {
    return {
      preConnect: (client, packet, done) => {
        this.connectPackets.set(client, {
          ...(packet.will && { willTopic: packet.will.topic }),
          emptyId: !packet.clientId,
          clean: packet.clean !== false,
        });
        done(null, true);
      },
      authenticate: (client, username, password, done) => {
        this.authenticate(client, username, password).then(
          (refusal) => {
            if (refusal === undefined) done(null, true);
            else done(Object.assign(new Error(refusal.reason), { returnCode: refusal.code as never }), false);
          },
          (error: unknown) => {
            this.options.log.error(`mqtt: authentication failed: ${String(error)}`);
            done(Object.assign(new Error('server unavailable'), { returnCode: 3 as never }), false);
          },
        );
      },
      authorizePublish: (client, packet, done) => done(this.authorizePublish(client, packet)),
      authorizeSubscribe: (client, subscription, done) =>
        done(null, this.authorizeSubscribe(client, subscription)),
      authorizeForward: (client, packet) => this.authorizeForward(client, packet),
    };
  }

  /** A client for logs: its id, who it logged in as, its address and listener. */
  describe(client: Client | null): string {
    if (!client) return '(broker)';
    const session = this.sessions.get(client);
    if (session) return `${shown(client.id)} ${session.label} ${session.where}`;
    const origin = this.origins.get(client.conn);
    return `${client.id ? shown(client.id) : 'a client'} from ${origin?.address ?? '?'} on ${origin?.listener ?? '?'}`;
  }

  /** Forgets a client that has gone. */
  disconnected(client: Client): void {
    this.deviceClients.delete(client);
  }

  /** Ends every device connection whose credential was removed or replaced since it connected. */
  revokeChanged(): void {
    for (const client of this.deviceClients) {
      const credential = this.sessions.get(client)?.credential;
      if (!credential || this.options.credentials.hashOf(credential.username) === credential.hash) continue;
      this.options.log.warn(`mqtt: ${this.describe(client)}: disconnected, its credential was removed`);
      this.deviceClients.delete(client);
      client.close();
    }
  }

  private async authenticate(
    client: Client,
    username: string | undefined,
    password: Readonly<Buffer> | undefined,
  ): Promise<{ code: number; reason: string } | undefined> {
    const { log } = this.options;
    const origin = this.origins.get(client.conn) ?? { address: '?', listener: '?', anonymous: false };
    const who = `${shown(client.id)}${username === undefined ? '' : ` user ${shown(username)}`}`;
    const where = `from ${origin.address} on ${origin.listener}`;
    const refuse = (code: number, reason: string) => {
      log.warn(`mqtt: ${who} ${where}: refused: ${reason}`);
      return { code, reason };
    };

    const connect = this.connectPackets.get(client);
    // [MQTT-3.1.3-8]: an empty client id is for a clean session only, and aedes would make one up.
    if (connect?.emptyId && !connect.clean)
      return refuse(IDENTIFIER_REJECTED, 'empty client id without a clean session');
    if (notUtf8(client.id) || (username !== undefined && notUtf8(username)))
      return refuse(IDENTIFIER_REJECTED, 'client id or username is not valid UTF-8 [MQTT-1.5.3-1]');
    // [MQTT-3.1.3-5]: the server may refuse a client id; these would act as wildcards in `%c` rules.
    if (WILDCARD_OR_SEPARATOR.test(client.id))
      return refuse(IDENTIFIER_REJECTED, 'client id contains + # or /');
    if (client.id.length > MAX_CLIENT_ID_LENGTH)
      return refuse(IDENTIFIER_REJECTED, `client id longer than ${MAX_CLIENT_ID_LENGTH}`);

    let session: Session;
    if (username === undefined) {
      if (!origin.anonymous)
        return refuse(NOT_AUTHORIZED, 'anonymous clients are not allowed on this listener');
      session = { label: 'anonymous', owner: '(anonymous)', acl: undefined, where };
    } else {
      if (WILDCARD_OR_SEPARATOR.test(username) || username.length === 0)
        return refuse(BAD_USERNAME_OR_PASSWORD, 'username contains + # or / or is empty');
      const found = await this.identify(username, password ?? Buffer.alloc(0), client.id, where);
      if (!found) return refuse(BAD_USERNAME_OR_PASSWORD, 'bad username or password');
      if (client.closed) return undefined;
      session = found;
    }

    // aedes authorizes a will only when it publishes it; it is checked at CONNECT too, as
    // Mosquitto does, so that a device learns at once that its will can never be sent.
    const willTopic = connect?.willTopic;
    if (willTopic !== undefined && session.acl && !session.acl.mayPublish(willTopic))
      return refuse(NOT_AUTHORIZED, `will topic ${shown(willTopic)} is not allowed`);

    this.sessions.set(client, session);
    if (session.credential) this.deviceClients.add(client);
    log.info(`mqtt: ${shown(client.id)} connected as ${session.label} ${where}`);
    return undefined;
  }

  /** The session for a username and password, or undefined when they are wrong. */
  private async identify(
    username: string,
    password: Readonly<Buffer>,
    clientId: string,
    where: string,
  ): Promise<Session | undefined> {
    const internal = this.internal.get(username);
    if (internal !== undefined) {
      return timingSafeEqual(internal, sha256(password))
        ? { label: `${shown(username)} (hub)`, owner: username, acl: undefined, where }
        : undefined;
    }
    const { credentials, mqtt, discoveryPrefix } = this.options;
    if (isReservedUsername(username, discoveryPrefix)) return undefined;
    const hash = await credentials.verify(username, Buffer.from(password));
    if (hash === undefined) return undefined;
    const label = `user ${shown(username)}`;
    const credential = { username, hash };
    if (mqtt.acl.admins.includes(username))
      return { label: `${label} (admin)`, owner: username, acl: undefined, credential, where };
    const rules = [
      ...this.patterns,
      ...(Object.hasOwn(mqtt.acl.users, username) ? (mqtt.acl.users[username] ?? []) : []),
    ];
    return { label, owner: username, acl: new TopicAcl(rules, { username, clientId }), credential, where };
  }

  private authorizePublish(client: Client | null, packet: PublishPacket): Error | null {
    // [MQTT-4.7.2-1] and aedes #597: `$SYS` belongs to the broker; no client publishes there.
    if (packet.topic.startsWith('$')) return this.refused(client, `publish to ${shown(packet.topic)}`);
    if (notUtf8(packet.topic))
      return this.refused(client, `publish to ${shown(packet.topic)}: not valid UTF-8 [MQTT-1.5.3-1]`);
    const session = client ? this.sessions.get(client) : undefined;
    if (!session) return null;
    if (session.acl && !session.acl.mayPublish(packet.topic))
      return this.refused(client, `publish to ${shown(packet.topic)}`);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const refusal = this.guard.refusal(session.owner, session.acl, packet.topic, payload);
    if (refusal) return this.refused(client, `publish to ${shown(packet.topic)}: ${refusal}`);
    this.guard.record(session.owner, packet.topic, payload);
    return null;
  }

  /** A refused subscription gets the failure return code 0x80 in its SUBACK (MQTT 3.1.1 §3.9.3). */
  private authorizeSubscribe(client: Client, subscription: Subscription): Subscription | null {
    const session = this.sessions.get(client);
    const allowed =
      session !== undefined &&
      !subscription.topic.startsWith('$') &&
      !notUtf8(subscription.topic) &&
      (!session.acl || session.acl.maySubscribe(subscription.topic));
    if (allowed) return subscription;
    this.refused(client, `subscribe to ${shown(subscription.topic)}`);
    return null;
  }

  /**
   * Every message on its way to a client, retained ones included: a subscription allowed earlier
   * is no licence for a topic a `deny` rule covers.
   */
  private authorizeForward(client: Client, packet: AedesPublishPacket): AedesPublishPacket | null {
    const session = this.sessions.get(client);
    if (!session || packet.topic.startsWith('$')) return null;
    if (!session.acl || session.acl.mayReceive(packet.topic)) return packet;
    return null;
  }

  private refused(client: Client | null, what: string): Error {
    this.options.log.warn(`mqtt: ${this.describe(client)}: refused: ${what}`);
    return new Error(`not authorized: ${what}`);
  }
}

/**
 * [MQTT-1.5.3-1], [MQTT-1.5.3-2]: strings on the wire are UTF-8 without U+0000. mqtt-packet decodes
 * them without checking, leaving U+FFFD where the bytes were not UTF-8; a real U+FFFD in a topic
 * is refused with them.
 */
function notUtf8(text: string): boolean {
  return text.includes('\u0000') || text.includes('\ufffd');
}

function sha256(data: Readonly<Buffer>): Buffer {
  return createHash('sha256').update(data).digest();
}
