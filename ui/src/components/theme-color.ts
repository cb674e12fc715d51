/** A CSS colour of the theme, for a canvas, which cannot read custom properties. */
export const themeColor = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
