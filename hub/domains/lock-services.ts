import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the lock services are being written (issue 3).
export const registerLockServices: RegisterServices = () => {};
