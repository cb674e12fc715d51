import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the select component is being written (issue 3).
export const selectComponent: ComponentKind | undefined = undefined;
