import type { RegisterServices } from './register-domain-services.ts';

// Placeholder: the climate services are being written (issue 3).
export const registerClimateServices: RegisterServices = () => {};
