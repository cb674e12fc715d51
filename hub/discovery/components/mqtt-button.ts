import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the button component is being written (issue 3).
export const buttonComponent: ComponentKind | undefined = undefined;
