/**
 * A name for a login, from the browser's User-Agent ("Firefox on Android"), so that the list of
 * sessions in the panel's settings says which device each one is. Only a label: never trusted.
 */
export function clientName(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser =
    [
      ['Edg/', 'Edge'],
      ['Firefox/', 'Firefox'],
      ['Chrome/', 'Chrome'],
      ['Safari/', 'Safari'],
      ['curl/', 'curl'],
      ['node', 'Node.js'],
    ].find(([marker]) => ua.includes(marker as string))?.[1] ?? 'Browser';
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iPhone'],
    ['iPad', 'iPad'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ].find(([marker]) => ua.includes(marker as string))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
