import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the fan services are being written (issue 3).
export const registerFanServices: RegisterServices = () => {};
