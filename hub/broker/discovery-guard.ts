import { discoveryConfigTopics } from '../discovery/discovery-config-topics.ts';
import { parseDiscoveryTopic } from '../discovery/discovery-topic.ts';
import type { TopicAcl } from './mqtt-acl.ts';

/** Discovery topics one device may hold at once; a real one announces a few dozen entities. */
const MAX_TOPICS_PER_OWNER = 1024;

/**
 * What the ACL alone cannot see in a device's discovery config:
 * - the topics it names must be the device's own (by its ACL), or the hub would subscribe to
 *   another device's state, or send commands to it, whenever someone used the announced entity;
 * - a discovery topic without the username in it (Tasmota's `<chip id>_RL_1`, device-based
 *   discovery) belongs to the first client that wrote it, until that client clears it with an
 *   empty payload, so no device can replace or remove another's entities.
 * Owners live as long as the broker's retained messages do: in memory.
 */
export class DiscoveryGuard {
  private readonly owners = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly prefix: string) {}

  /**
   * Why `owner` (a username, or a name for an unrestricted client) may not publish `payload` on
   * `topic`, or undefined if it may; `acl` undefined means an unrestricted client.
   */
  refusal(owner: string, acl: TopicAcl | undefined, topic: string, payload: Buffer): string | undefined {
    const where = parseDiscoveryTopic(this.prefix, topic);
    if (!where) return undefined;
    if (acl === undefined) return undefined;
    const current = this.owners.get(topic);
    if (current !== undefined && current !== owner) return `discovery topic belongs to ${current}`;
    if (current === undefined && payload.length > 0 && (this.counts.get(owner) ?? 0) >= MAX_TOPICS_PER_OWNER)
      return `more than ${MAX_TOPICS_PER_OWNER} discovery topics`;
    if (payload.length === 0) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      // Not JSON: the hub refuses it with a precise message; nothing here names a topic.
      return undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    const foreign = discoveryConfigTopics(json as Record<string, unknown>, where.component === 'device').find(
      (named) => !acl.owns(named),
    );
    return foreign === undefined
      ? undefined
      : `config names topic ${foreign.slice(0, 200)}, not the device's own`;
  }

  /** Records who wrote `topic` last, after the publish was allowed; an empty payload releases it. */
  record(owner: string, topic: string, payload: Buffer): void {
    if (!parseDiscoveryTopic(this.prefix, topic)) return;
    const current = this.owners.get(topic);
    if (current !== undefined) {
      this.owners.delete(topic);
      const left = (this.counts.get(current) ?? 1) - 1;
      if (left > 0) this.counts.set(current, left);
      else this.counts.delete(current);
    }
    if (payload.length === 0) return;
    this.owners.set(topic, owner);
    this.counts.set(owner, (this.counts.get(owner) ?? 0) + 1);
  }
}
