import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the cover component is being written (issue 3).
export const coverComponent: ComponentKind | undefined = undefined;
