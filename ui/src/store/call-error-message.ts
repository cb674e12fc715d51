/**
 * The sentence a card shows when a call fails. hearth's own codes get a sentence written for the
 * card; anything else shows the hub's message, which is already meant for people.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  device_timeout: 'The device did not respond in time',
  device_unavailable: 'The device is unavailable',
  connection_lost: 'Connection lost before the device confirmed',
  not_connected: 'Not connected to the hub',
};

export function callErrorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && MESSAGES[code] !== undefined) return MESSAGES[code];
    if (typeof message === 'string' && message !== '') return message;
  }
  return 'Something went wrong';
}
