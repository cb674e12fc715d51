import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { PublishPacket } from 'aedes';
import type MemoryPersistenceClass from 'aedes-persistence/types/asyncPersistence.js';

// aedes-persistence exports its async in-memory class only by file, and types it apart.
const MemoryPersistence = createRequire(import.meta.url)(
  'aedes-persistence/asyncPersistence.js',
) as typeof MemoryPersistenceClass;

interface TopicNode {
  readonly children: Map<string, TopicNode>;
  packet: PublishPacket | undefined;
}

const newNode = (): TopicNode => ({ children: new Map(), packet: undefined });

/**
 * aedes' in-memory persistence, with retained messages kept in a tree of topic levels instead of
 * one flat map. aedes-persistence 11 answers each SUBSCRIBE by testing the filter against every
 * retained message (`retainedMessagesByPattern`), so 10,000 devices, each with a retained config
 * and availability, coming back after a restart made ~10⁹ topic matches, and took minutes. In the
 * tree, an exact filter is one walk down its levels, and a wildcard visits only the branches it
 * can match. Everything else (sessions, subscriptions, wills, QoS queues) is aedes' own.
 */
export class RetainedIndexPersistence extends MemoryPersistence {
  private readonly root = newNode();

  override async storeRetained(
    stored: Parameters<MemoryPersistenceClass['storeRetained']>[0],
  ): Promise<void> {
    // aedes retains only PUBLISH packets.
    const packet = stored as PublishPacket;
    const levels = packet.topic.split('/');
    // A retained message with an empty payload removes the retained message [MQTT-3.3.1-10].
    if (packet.payload.length === 0) {
      this.remove(this.root, levels, 0);
      return;
    }
    let node = this.root;
    for (const level of levels) {
      let child = node.children.get(level);
      if (!child) {
        child = newNode();
        node.children.set(level, child);
      }
      node = child;
    }
    // A copy, as aedes-persistence keeps: aedes reuses packet objects.
    node.packet = { ...packet };
  }

  override createRetainedStream(pattern: string): Readable {
    return Readable.from(this.matching(pattern.split('/')));
  }

  override createRetainedStreamCombi(patterns: string[]): Readable {
    const self = this;
    return Readable.from(
      (function* () {
        for (const pattern of patterns) yield* self.matching(pattern.split('/'));
      })(),
    );
  }

  /** The retained messages whose topics `filter` matches (MQTT 3.1.1 §4.7). */
  *matching(filter: readonly string[]): Generator<PublishPacket> {
    yield* matchFrom(this.root, filter, 0);
  }

  /** Removes the message at `levels` and the branches left empty; true when `node` is now empty. */
  private remove(node: TopicNode, levels: readonly string[], depth: number): boolean {
    if (depth === levels.length) node.packet = undefined;
    else {
      const level = levels[depth] as string;
      const child = node.children.get(level);
      if (child && this.remove(child, levels, depth + 1)) node.children.delete(level);
    }
    return node.packet === undefined && node.children.size === 0;
  }
}

function* matchFrom(node: TopicNode, filter: readonly string[], depth: number): Generator<PublishPacket> {
  if (depth === filter.length) {
    if (node.packet) yield node.packet;
    return;
  }
  const level = filter[depth];
  // Topics starting with `$` are not matched by a filter starting with a wildcard [MQTT-4.7.2-1].
  const skipDollar = depth === 0;
  if (level === '#') {
    // `#` also matches the parent level: `a/#` matches `a` [MQTT-4.7.1-2].
    yield* everything(node, skipDollar);
    return;
  }
  if (level === '+') {
    for (const [name, child] of node.children) {
      if (skipDollar && name.startsWith('$')) continue;
      yield* matchFrom(child, filter, depth + 1);
    }
    return;
  }
  const child = node.children.get(level as string);
  if (child) yield* matchFrom(child, filter, depth + 1);
}

function* everything(node: TopicNode, skipDollar: boolean): Generator<PublishPacket> {
  if (node.packet) yield node.packet;
  for (const [name, child] of node.children) {
    if (skipDollar && name.startsWith('$')) continue;
    yield* everything(child, false);
  }
}
