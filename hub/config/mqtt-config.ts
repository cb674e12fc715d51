import { z } from 'zod';
import { parseAclRule } from '../broker/mqtt-acl.ts';

const port = z.number().int('must be an integer').min(0, 'must be 0..65535').max(65535, 'must be 0..65535');

const aclRule = z.string().transform((text, ctx) => {
  try {
    return parseAclRule(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/**
 * The embedded broker's security, in the manner of Mosquitto 2 (`mosquitto.conf`: `listener`,
 * `allow_anonymous`, `acl_file` with `pattern` and `user` lines). Only read when hearth runs its
 * own broker; an external one (`mqttUrl`) has its own.
 */
export const mqttConfigSchema = z
  .strictObject({
    /** Interface of the plain listener (`mqttPort`); default: `host`. */
    host: z.string().min(1).optional(),
    /** An `mqtts` listener on `host`, from `tls.cert` and `tls.key`; 8883 is the usual port. */
    tlsPort: port.optional(),
    tls: z
      .strictObject({
        /** PEM files: the certificate (with its chain) and its private key. */
        cert: z.string().min(1),
        key: z.string().min(1),
      })
      .optional(),
    /**
     * Clients without a username on a listener bound to loopback, unrestricted as on Mosquitto 2's
     * local-only listener. A listener on any other interface always requires credentials.
     */
    allowAnonymous: z.boolean().default(true),
    /** Largest MQTT packet accepted; a bigger one closes the connection. */
    maxPacketBytes: z
      .number()
      .int()
      .min(1024)
      .max(256 * 1024 * 1024)
      .default(1024 * 1024),
    acl: z
      .strictObject({
        /**
         * Rules for every device credential, `<read|write|readwrite|deny> <topic filter>`, where a
         * level `%u` is the username and `%c` the client id. Default: `defaultAclPatterns`.
         */
        patterns: z.array(aclRule).max(1000).optional(),
        /** Further rules for one username, as Mosquitto's `user` sections. */
        users: z.record(z.string().min(1).max(64), z.array(aclRule).max(1000)).default({}),
        /** Usernames that may do anything but touch `$SYS`, like the hub's own client. */
        admins: z.array(z.string().min(1).max(64)).default([]),
      })
      .prefault({}),
  })
  .refine((mqtt) => (mqtt.tlsPort === undefined) === (mqtt.tls === undefined), {
    message: 'tlsPort and tls (cert, key) go together',
  });

export type MqttConfig = z.output<typeof mqttConfigSchema>;
