/**
 * `<prefix>/<component>/[<node_id>/]<object_id>/config`
 * (https://www.home-assistant.io/integrations/mqtt/#discovery-topic). The ids may only hold
 * `[a-zA-Z0-9_-]`, which also keeps `__proto__`-like names out of every map keyed by them.
 */
export interface DiscoveryTopic {
  component: string;
  nodeId: string | null;
  objectId: string;
  /** Identifies this discovery message's entity across updates and removal. */
  discoveryId: string;
}

const ID = /^[a-zA-Z0-9_-]+$/;

export function parseDiscoveryTopic(prefix: string, topic: string): DiscoveryTopic | undefined {
  if (!topic.startsWith(`${prefix}/`)) return undefined;
  const levels = topic.slice(prefix.length + 1).split('/');
  if (levels.at(-1) !== 'config' || (levels.length !== 3 && levels.length !== 4)) return undefined;
  const [component, a, b] = levels;
  const nodeId = levels.length === 4 ? (a ?? null) : null;
  const objectId = levels.length === 4 ? b : a;
  if (!component || !objectId || !ID.test(component) || !ID.test(objectId)) return undefined;
  if (nodeId !== null && !ID.test(nodeId)) return undefined;
  return {
    component,
    nodeId,
    objectId,
    discoveryId: nodeId ? `${component}/${nodeId}/${objectId}` : `${component}/${objectId}`,
  };
}
