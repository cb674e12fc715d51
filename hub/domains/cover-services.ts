import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the cover services are being written (issue 3).
export const registerCoverServices: RegisterServices = () => {};
