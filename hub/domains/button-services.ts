import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the button services are being written (issue 3).
export const registerButtonServices: RegisterServices = () => {};
