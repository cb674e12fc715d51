import type { ErrorCode } from '../protocol/websocket-messages.ts';

/**
 * An error meant for the caller, with the machine code the WebSocket API answers with
 * (`invalid_format: service_data.brightness must be 0..255, got 300`). Anything else thrown
 * inside the hub is a bug and is answered as `unknown_error`.
 */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}
