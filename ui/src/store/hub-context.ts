import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { HubStore } from './hub-store.ts';

/** The store, handed down by context so components never import the connection. */
export const HubContext = createContext<HubStore | null>(null);

export function useHubStore(): HubStore {
  const store = useContext(HubContext);
  if (!store) throw new Error('useHubStore() needs a <HubContext.Provider> above it');
  return store;
}
