/**
 * A failed command: the hub's `{code, message}` (`device_timeout`, `not_found`, …), or the
 * connection's own `connection_lost` / `not_connected` when no answer can come.
 */
export class HubError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'HubError';
    this.code = code;
  }
}
