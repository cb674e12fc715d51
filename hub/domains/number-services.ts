import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the number services are being written (issue 3).
export const registerNumberServices: RegisterServices = () => {};
