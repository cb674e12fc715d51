/** `fan_only` → "Fan only", `heat_cool` → "Heat cool": a state or mode the panel has no word for. */
export function humanize(value: string): string {
  const words = value.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
