import type { ComponentKind } from '../component-kind.ts';

// Placeholder: the climate component is being written (issue 3).
export const climateComponent: ComponentKind | undefined = undefined;
