import { z } from 'zod';

const file = z.string().min(1, 'must be a file path');

/**
 * How the hub's MQTT client reaches an external broker (`mqttUrl`): credentials, TLS, client id
 * and reconnect pacing. The TLS keys are Zigbee2MQTT's (`mqtt.ca`, `mqtt.cert`, `mqtt.key`,
 * `mqtt.reject_unauthorized`): paths to PEM files. Client side only — the embedded broker's own
 * listeners have their own keys.
 */
export const mqttClientConfigSchema = z
  .strictObject({
    /** Overrides the user of `mqttUrl`; so does `password`. */
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    /** The CA that signed the broker's certificate; default: Node's bundled public CAs. `mqtts://` only. */
    ca: file.optional(),
    /** The hub's client certificate and its key, for brokers that require one (`require_certificate`). */
    cert: file.optional(),
    key: file.optional(),
    /** Refuse a broker whose certificate does not verify. Turn off only to try a self-signed broker. */
    rejectUnauthorized: z.boolean().default(true),
    /**
     * Unique per hub: a broker disconnects the older of two clients with one id [MQTT-3.1.4-2], so
     * two hubs sharing one would knock each other off forever. Default `hearth-<host>-<random>`.
     */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1..64 letters, digits, "_", "." or "-"')
      .optional(),
    /** First reconnect delay, doubled per failed attempt up to `reconnectMaxMs` (±20 % jitter). */
    reconnectMinMs: z.number().int().min(10).max(60_000).default(500),
    reconnectMaxMs: z.number().int().min(100).max(600_000).default(30_000),
  })
  .refine((c) => (c.cert === undefined) === (c.key === undefined), {
    message: 'cert and key go together',
    path: ['cert'],
  })
  .refine((c) => c.reconnectMinMs <= c.reconnectMaxMs, {
    message: 'must not exceed reconnectMaxMs',
    path: ['reconnectMinMs'],
  });

export type MqttClientConfig = z.output<typeof mqttClientConfigSchema>;
