import net from 'node:net';

/**
 * MQTT 3.1.1 packets built by hand, byte by byte, so that tests can send what no client library
 * would: wrong flags, lengths that lie, packets cut short.
 */
export const rawMqtt = {
  /** A fixed header (§2.2) and a body. */
  packet(firstByte: number, body: Buffer = Buffer.alloc(0)): Buffer {
    return Buffer.concat([Buffer.from([firstByte]), remainingLength(body.length), body]);
  },

  connect(options: {
    clientId: string;
    keepaliveSeconds?: number;
    username?: string;
    password?: string;
    clean?: boolean;
    protocolLevel?: number;
  }): Buffer {
    const flags =
      (options.username !== undefined ? 0x80 : 0) |
      (options.password !== undefined ? 0x40 : 0) |
      ((options.clean ?? true) ? 0x02 : 0);
    const keepalive = Buffer.alloc(2);
    keepalive.writeUInt16BE(options.keepaliveSeconds ?? 60);
    const body = Buffer.concat([
      text('MQTT'),
      Buffer.from([options.protocolLevel ?? 4, flags]),
      keepalive,
      text(options.clientId),
      ...(options.username !== undefined ? [text(options.username)] : []),
      ...(options.password !== undefined ? [text(options.password)] : []),
    ]);
    return rawMqtt.packet(0x10, body);
  },

  /** QoS 0 unless `qos` (any two bits, 3 included) and a packet id are given. */
  publish(
    topic: string | Buffer,
    payload: string | Buffer,
    options: { qos?: number; id?: number } = {},
  ): Buffer {
    const qos = options.qos ?? 0;
    const id = Buffer.alloc(qos > 0 ? 2 : 0);
    if (qos > 0) id.writeUInt16BE(options.id ?? 1);
    return rawMqtt.packet(0x30 | (qos << 1), Buffer.concat([text(topic), id, Buffer.from(payload)]));
  },

  subscribe(id: number, filter: string, flags = 0x02): Buffer {
    const packetId = Buffer.alloc(2);
    packetId.writeUInt16BE(id);
    return rawMqtt.packet(0x80 | flags, Buffer.concat([packetId, text(filter), Buffer.from([0])]));
  },

  pingreq: (): Buffer => Buffer.from([0xc0, 0x00]),
};

/** A length-prefixed UTF-8 string (§1.5.3); a Buffer is sent as is, valid UTF-8 or not. */
function text(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** §2.2.3: seven bits a byte, least significant first, the top bit saying more follow. */
export function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  let rest = length;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}

/** A TCP connection to a broker that records what comes back and when the broker closes it. */
export class RawMqttConnection {
  private received = Buffer.alloc(0);
  /** Resolves when the broker has closed the connection. */
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.received = Buffer.concat([this.received, chunk]);
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static open(url: string): Promise<RawMqttConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host: hostname, port: Number(port) }, () =>
        resolve(new RawMqttConnection(socket)),
      );
      socket.once('error', reject);
    });
  }

  send(...packets: Buffer[]): void {
    this.socket.write(Buffer.concat(packets));
  }

  /** The return code of the CONNACK received (§3.2.2.3), or undefined if none came. */
  connackCode(): number | undefined {
    return this.received[0] === 0x20 ? this.received[3] : undefined;
  }

  /** Resolves once `bytes` bytes have come back; rejects if the connection closes first. */
  async waitForBytes(bytes: number): Promise<Buffer> {
    while (this.received.length < bytes) {
      const more = await Promise.race([
        new Promise<boolean>((resolve) => this.socket.once('data', () => resolve(true))),
        this.closed.then(() => false),
      ]);
      if (!more && this.received.length < bytes)
        throw new Error(`connection closed after ${this.received.length} of ${bytes} bytes`);
    }
    return this.received;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
