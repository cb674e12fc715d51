import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the fan component is being written (issue 3).
export const fanComponent: ComponentKind | undefined = undefined;
