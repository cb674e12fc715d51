import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TokenSettings } from './token-settings.ts';

/** The settings view's state, handed down beside the store. */
export const SettingsContext = createContext<TokenSettings | null>(null);

export function useTokenSettings(): TokenSettings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useTokenSettings() needs a <SettingsContext.Provider> above it');
  return settings;
}
