import { ABBREVIATIONS, DEVICE_ABBREVIATIONS, ORIGIN_ABBREVIATIONS } from './abbreviations.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns a discovery payload into its long form, as Home Assistant's discovery does before it
 * validates: abbreviated keys expanded (also in `device`, `origin` and `availability` items) and
 * the `~` base topic substituted at the start or end of every `*_topic`. Keys it does not know are
 * kept, and ignored later by the schema. Output objects have no prototype, so a key named
 * `__proto__` is plain data.
 */
export function expandDiscoveryPayload(payload: Json): Json {
  const out = expandKeys(payload, ABBREVIATIONS);
  if (isObject(out.device)) out.device = expandKeys(out.device, DEVICE_ABBREVIATIONS);
  if (isObject(out.origin)) out.origin = expandKeys(out.origin, ORIGIN_ABBREVIATIONS);
  if (Array.isArray(out.availability)) {
    out.availability = out.availability.map((item) =>
      isObject(item) ? expandKeys(item, ABBREVIATIONS) : item,
    );
  }
  const base = out['~'];
  if (typeof base === 'string') {
    delete out['~'];
    for (const [key, value] of Object.entries(out)) {
      if (key.endsWith('topic') && typeof value === 'string') out[key] = substituteBase(value, base);
    }
    if (Array.isArray(out.availability)) {
      for (const item of out.availability) {
        if (isObject(item) && typeof item.topic === 'string') item.topic = substituteBase(item.topic, base);
      }
    }
  }
  return out;
}

function expandKeys(input: Json, table: Readonly<Record<string, string>>): Json {
  const out: Json = Object.create(null);
  for (const [key, value] of Object.entries(input)) {
    out[Object.hasOwn(table, key) ? (table[key] as string) : key] = value;
  }
  return out;
}

function substituteBase(topic: string, base: string): string {
  if (topic.startsWith('~')) return base + topic.slice(1);
  if (topic.endsWith('~')) return topic.slice(0, -1) + base;
  return topic;
}
