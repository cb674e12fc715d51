import { useEffect, useState } from 'preact/hooks';

/** The time, refreshed every `intervalMs`, so "2 min ago" becomes "3 min ago" without a state change. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
