import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the lock component is being written (issue 3).
export const lockComponent: ComponentKind | undefined = undefined;
