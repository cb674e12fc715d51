import { createContext } from 'preact';

/** The name of the section a card sits in, so the card can leave it out of its own name. */
export const AreaNameContext = createContext<string | null>(null);
