/**
 * Cases per property: 10,000 in `npm test`, more with `npm run test:property:long`, which sets
 * HEARTH_PROPERTY_RUNS. A failure prints fast-check's seed and path; replay it with
 * `fc.assert(…, { seed, path })`.
 */
export const PROPERTY_RUNS = Math.max(1, Number(process.env.HEARTH_PROPERTY_RUNS ?? 10_000));

/** The long run's cases may take minutes; `npm test`'s stay under vitest's default bound. */
export const PROPERTY_TIMEOUT_MS = PROPERTY_RUNS > 10_000 ? 0 : 60_000;
