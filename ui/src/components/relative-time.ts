const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * "just now", "2 min ago", "3 h ago", "yesterday", else the date: how long ago an ISO time was,
 * or null when it is not a time (a button never pressed is `unknown`).
 */
export function relativeTime(iso: string, now: number): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const ago = now - then;
  if (ago < 45_000) return 'just now';
  if (ago < HOUR) return `${Math.max(1, Math.round(ago / MINUTE))} min ago`;
  if (ago < 24 * HOUR) return `${Math.round(ago / HOUR)} h ago`;
  if (ago < 48 * HOUR) return 'yesterday';
  return new Date(then).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
