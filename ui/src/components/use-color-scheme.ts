import { useEffect, useState } from 'preact/hooks';

const DARK = '(prefers-color-scheme: dark)';

/**
 * The system's colour scheme, kept current: what CSS follows by itself, a canvas (the uPlot chart)
 * must be redrawn for, since it reads the theme's colours once.
 */
export function useColorScheme(): 'light' | 'dark' {
  const [dark, setDark] = useState(() => matchMedia(DARK).matches);
  useEffect(() => {
    const media = matchMedia(DARK);
    const follow = () => setDark(media.matches);
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, []);
  return dark ? 'dark' : 'light';
}
