/**
 * Home Assistant's `slugify` (homeassistant/util/__init__.py): lower case, accents dropped,
 * every run of other characters becomes one underscore, no underscore at either end.
 */
export function slugify(text: string, separator = '_'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, 'g'), '');
  return slug || 'unknown';
}
