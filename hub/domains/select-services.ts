import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the select services are being written (issue 3).
export const registerSelectServices: RegisterServices = () => {};
