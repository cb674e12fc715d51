import { matches } from '../core/topic-router.ts';

/**
 * Topic access rules in the manner of Mosquitto's `acl_file`: `<read|write|readwrite|deny> <filter>`,
 * where a level `%u` stands for the client's username and `%c` for its client id (Mosquitto's
 * `pattern` lines), and a `deny` that matches wins over any grant.
 */
export type AclAccess = 'read' | 'write' | 'readwrite' | 'deny';

export interface AclRule {
  readonly access: AclAccess;
  /** A topic filter; `%u` and `%c` only as whole levels. */
  readonly filter: string;
}

const RULE = /^(read|write|readwrite|deny)\s+(.+)$/;

/** Parses one rule; throws an Error that says what is wrong with it. */
export function parseAclRule(text: string): AclRule {
  const match = RULE.exec(text.trim());
  const access = match?.[1] as AclAccess | undefined;
  const filter = match?.[2];
  if (access === undefined || filter === undefined)
    throw new Error(`"${text.slice(0, 80)}" is not "<read|write|readwrite|deny> <topic filter>"`);
  const problem = filterProblem(filter);
  if (problem) throw new Error(`"${text.slice(0, 80)}": ${problem}`);
  return { access, filter };
}

/** Why `filter` is not a valid topic filter ([MQTT-4.7.1-2], [MQTT-4.7.1-3]), or undefined. */
export function filterProblem(filter: string): string | undefined {
  if (filter.startsWith('$')) return '$ topics are closed to clients';
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1))
      return '# must be a whole level, and the last';
    if (level.includes('+') && level !== '+') return '+ must be a whole level';
    if ((level.includes('%u') || level.includes('%c')) && level !== '%u' && level !== '%c')
      return '%u and %c must be whole levels';
  }
  return undefined;
}

/** True when every topic `inner` can match is matched by `outer` (both filters, in levels). */
export function filterCovers(outer: readonly string[], inner: readonly string[]): boolean {
  for (let i = 0; i < outer.length; i++) {
    const level = outer[i];
    if (level === '#') return true;
    if (i >= inner.length) return false;
    const other = inner[i];
    if (other === '#') return false;
    if (level === '+') continue;
    if (other === '+' || other !== level) return false;
  }
  return outer.length === inner.length;
}

/** Do filters `a` and `b` match at least one topic in common? */
function filtersOverlap(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === '#' || y === '#') return true;
    if (x === undefined || y === undefined) return false;
    if (x !== '+' && y !== '+' && x !== y) return false;
  }
  return true;
}

/** One client's rules, with `%u` and `%c` resolved: what it may publish, subscribe to and receive. */
export class TopicAcl {
  private readonly read: string[][] = [];
  private readonly write: string[][] = [];
  private readonly deny: string[][] = [];

  /** `username` and `clientId` must hold no `+`, `#` or `/` (checked at CONNECT). */
  constructor(rules: readonly AclRule[], identity: { username: string; clientId: string }) {
    for (const rule of rules) {
      const levels = rule.filter
        .split('/')
        .map((level) => (level === '%u' ? identity.username : level === '%c' ? identity.clientId : level));
      if (rule.access === 'deny') this.deny.push(levels);
      if (rule.access === 'read' || rule.access === 'readwrite') this.read.push(levels);
      if (rule.access === 'write' || rule.access === 'readwrite') this.write.push(levels);
    }
  }

  mayPublish(topic: string): boolean {
    const levels = topic.split('/');
    return this.write.some((f) => matches(f, levels)) && !this.deny.some((f) => matches(f, levels));
  }

  /** Checked again for every message delivered, retained ones included (aedes `authorizeForward`). */
  mayReceive(topic: string): boolean {
    const levels = topic.split('/');
    return this.read.some((f) => matches(f, levels)) && !this.deny.some((f) => matches(f, levels));
  }

  /**
   * A subscription must lie within a read rule; a `deny` inside it filters messages on delivery,
   * a `deny` covering all of it refuses it.
   */
  maySubscribe(filter: string): boolean {
    const levels = filter.split('/');
    return this.read.some((f) => filterCovers(f, levels)) && !this.deny.some((f) => filterCovers(f, levels));
  }

  /** May this client name `topic` (a topic or a filter) in its discovery config? */
  owns(topic: string): boolean {
    const levels = topic.split('/');
    const wildcard = levels.some((level) => level === '+' || level === '#');
    if (this.deny.some((f) => filtersOverlap(f, levels))) return false;
    return (
      this.read.some((f) => filterCovers(f, levels)) ||
      (!wildcard && this.write.some((f) => matches(f, levels)))
    );
  }
}

/**
 * The rules every device credential gets unless the config sets `mqtt.acl.patterns`: the layouts
 * of the firmware hearth knows, each keyed by the username, which should be the device's own name
 * in its firmware (Zigbee2MQTT base topic, Tasmota `%topic%`, ESPHome node name).
 */
export function defaultAclPatterns(discoveryPrefix: string): AclRule[] {
  return [
    // ESPHome's `topic_prefix` (the node name), Shelly Gen2, a Zigbee2MQTT base topic, own sketches.
    'readwrite %u/#',
    // hearth's simulator and the Zigbee2MQTT layout per device: hearth/<device>[/set|/availability].
    'readwrite hearth/%u/#',
    // Tasmota's full topic `%prefix%/%topic%/`.
    'readwrite cmnd/%u/#',
    'readwrite stat/%u/#',
    'readwrite tele/%u/#',
    // Shelly Gen1: shellies/<id>/…
    'readwrite shellies/%u/#',
    // Home Assistant's birth message, after which devices announce themselves again.
    `read ${discoveryPrefix}/status`,
    // Discovery with the username as node id (ESPHome, hearth's simulator).
    `readwrite ${discoveryPrefix}/+/%u/+/config`,
    // Discovery without a node id (Tasmota's `<chip id>_RL_1`) and device-based discovery: first
    // come, first served — see DiscoveryGuard.
    `readwrite ${discoveryPrefix}/+/+/config`,
  ].map(parseAclRule);
}

/**
 * Usernames that `%u/#` would turn into someone else's namespace: the hub's own topics and the
 * first levels of the shared layouts above.
 */
export function isReservedUsername(username: string, discoveryPrefix: string): boolean {
  return (
    username === discoveryPrefix ||
    ['hearth', 'hearth-hub', 'hearth-demo', 'cmnd', 'stat', 'tele', 'shellies', 'homeassistant'].includes(
      username.toLowerCase(),
    )
  );
}
