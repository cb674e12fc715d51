/**
 * A handful of line icons, drawn for hearth on a 24×24 grid and stroked with `currentColor`, so
 * the bundle carries no icon font and the CSP needs no extra source.
 */
const PATHS = {
  flame: 'M12 3c.8 3.2 5 5.4 5 10.2A5 5 0 0 1 7 13.2c0-2 .9-3.6 2.1-4.7.2 1.6 1 2.6 2 3.1-.3-3.2.2-6 .9-8.6z',
  bulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.7 10.7c.5.4.7.9.7 1.4V16h6v-.9c0-.5.2-1 .7-1.4A6 6 0 0 0 12 3z',
  power: 'M12 3v8M6.7 6.6a7.5 7.5 0 1 0 10.6 0',
  outlet: 'M7 3h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4zM9.5 9v3M14.5 9v3M10 16h4',
  thermometer: 'M14 14.8V5a2 2 0 0 0-4 0v9.8a4 4 0 1 0 4 0zM12 11v6',
  humidity: 'M12 3.5s6 6.3 6 10.8a6 6 0 0 1-12 0c0-4.5 6-10.8 6-10.8z',
  sun: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4',
  bolt: 'M13 2.5 5 13.5h6l-1 8 8-11h-6z',
  battery:
    'M4 7.5h13a1.5 1.5 0 0 1 1.5 1.5v6a1.5 1.5 0 0 1-1.5 1.5H4A1.5 1.5 0 0 1 2.5 15V9A1.5 1.5 0 0 1 4 7.5zM21.5 10.5v3',
  gauge: 'M4.2 18a9 9 0 1 1 15.6 0M12 13.5l3.5-4',
  motion:
    'M12 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM8 8a5.7 5.7 0 0 0 0 8M16 8a5.7 5.7 0 0 1 0 8M5.2 5.2a9.7 9.7 0 0 0 0 13.6M18.8 5.2a9.7 9.7 0 0 1 0 13.6',
  door: 'M6 21V4.5A1.5 1.5 0 0 1 7.5 3h9A1.5 1.5 0 0 1 18 4.5V21M3.5 21h17M14.5 12.5v.01',
  window: 'M5 3.5h14v17H5zM12 3.5v17M5 12h14',
  water: 'M12 3.5s6 6.3 6 10.8a6 6 0 0 1-12 0c0-4.5 6-10.8 6-10.8zM9 15a3 3 0 0 0 3 3',
  smoke: 'M4 17h12a3 3 0 0 0 0-6 4.5 4.5 0 0 0-8.7-1A3.5 3.5 0 0 0 4 17zM7 20.5h9',
  dot: 'M12 5a7 7 0 1 1 0 14 7 7 0 0 1 0-14zM12 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  logout: 'M14.5 4.5h3a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-3M10 16.5l4.5-4.5L10 7.5M14.5 12H4',
  alert:
    'M12 8.5v4.5M12 16.5v.01M10.3 4l-7.6 13.2A2 2 0 0 0 4.4 20h15.2a2 2 0 0 0 1.7-2.8L13.7 4a2 2 0 0 0-3.4 0z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
