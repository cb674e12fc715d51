import type { TokenResponse } from '../../../hub/protocol/auth-messages.ts';

/** A login the hub refused, or could not be asked about; `message` is meant for the login view. */
export class LoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoginError';
  }
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Trades a one-time login code for an access token: `POST /auth/token` with an OAuth 2 form body
 * (RFC 6749 §4.1.3), answered by `{access_token, token_type}` or 400 `{error, error_description}`.
 * The code goes in the body, never in a URL, so it stays out of logs and the history.
 */
export async function exchangeLoginCode(code: string, fetchFn: FetchLike): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn('/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code }).toString(),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new LoginError('Could not reach the hub. Is it running?');
  }
  const body: unknown = await response.json().catch(() => null);
  const fields = typeof body === 'object' && body !== null ? (body as Partial<Record<string, unknown>>) : {};
  if (!response.ok) {
    const description = fields.error_description;
    throw new LoginError(
      typeof description === 'string' && description !== ''
        ? description
        : 'This login code is not valid. Codes work once and expire; ask the hub for a new one.',
    );
  }
  const token = (fields as Partial<TokenResponse>).access_token;
  if (typeof token !== 'string' || token === '') throw new LoginError('The hub sent no access token.');
  return token;
}
