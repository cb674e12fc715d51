import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the number component is being written (issue 3).
export const numberComponent: ComponentKind | undefined = undefined;
