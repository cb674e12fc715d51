/**
 * No message of the API nests deeper than a few levels; one that nests thousands deep is an
 * attack on whatever recurses over it later (JSON.stringify, a schema, a template) and is refused
 * at the door. JSON.parse itself is not recursive in V8, so the check runs on the parsed value.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` has containers nested more than `max` deep; iterative, and stops early. */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
