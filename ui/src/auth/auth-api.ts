import type {
  OnboardingStatus,
  OnboardingUserResponse,
  TokenErrorResponse,
  TokenResponse,
} from '../../../hub/protocol/auth-messages.ts';

/**
 * A login the hub refused (`refused`: a wrong password, a used code, a revoked session) or could
 * not be asked about (`unreachable`); `message` is meant for the login view.
 */
export class LoginError extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'unreachable',
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface Grant {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  /** Given by a login, not by a refresh. */
  refreshToken?: string;
}

const UNREACHABLE = 'Could not reach the hub. Is it running?';

/**
 * The hub's login endpoints (hub/api/auth-routes.ts), as Home Assistant's: `POST /auth/token` with
 * an OAuth 2 form body (RFC 6749), answered `{access_token, expires_in, refresh_token?}` or
 * `{error, error_description}`. Secrets go in bodies, never in a URL, so they stay out of logs
 * and the history.
 */
async function post(path: string, body: string, contentType: string, fetchFn: FetchLike): Promise<Response> {
  try {
    return await fetchFn(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new LoginError(UNREACHABLE, 'unreachable');
  }
}

async function tokenRequest(
  fields: Record<string, string>,
  fetchFn: FetchLike,
  refused: string,
): Promise<Grant> {
  const response = await post(
    '/auth/token',
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
    fetchFn,
  );
  const body = (await response.json().catch(() => null)) as Partial<
    TokenResponse & TokenErrorResponse
  > | null;
  if (!response.ok) {
    const description = body?.error_description;
    // A 5xx is the hub's trouble, not a verdict on the credentials: keep them and try later.
    const reason = response.status >= 500 ? 'unreachable' : 'refused';
    throw new LoginError(
      typeof description === 'string' && description !== '' ? description : refused,
      reason,
    );
  }
  if (typeof body?.access_token !== 'string' || body.access_token === '')
    throw new LoginError('The hub sent no access token.', 'refused');
  return {
    accessToken: body.access_token,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 1800,
    ...(typeof body.refresh_token === 'string' && { refreshToken: body.refresh_token }),
  };
}

export const logInWithPassword = (username: string, password: string, fetchFn: FetchLike): Promise<Grant> =>
  tokenRequest({ grant_type: 'password', username, password }, fetchFn, 'Invalid username or password.');

export const exchangeLoginCode = (code: string, fetchFn: FetchLike): Promise<Grant> =>
  tokenRequest(
    { grant_type: 'authorization_code', code },
    fetchFn,
    'This login code is not valid. Codes work once and expire; ask the hub for a new one.',
  );

export const refreshAccessToken = (refreshToken: string, fetchFn: FetchLike): Promise<Grant> =>
  tokenRequest(
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    fetchFn,
    'The session has ended.',
  );

/** Logout: the hub forgets the refresh token (RFC 7009); failing to reach it changes nothing here. */
export async function revokeToken(token: string, fetchFn: FetchLike): Promise<void> {
  await post(
    '/auth/revoke',
    new URLSearchParams({ token }).toString(),
    'application/x-www-form-urlencoded',
    fetchFn,
  ).catch(() => undefined);
}

/** Whether the hub has its owner yet; a hub that cannot be asked is taken as set up. */
export async function onboardingDone(fetchFn: FetchLike): Promise<boolean> {
  try {
    const response = await fetchFn('/api/onboarding', { cache: 'no-store', credentials: 'same-origin' });
    const steps = (await response.json()) as OnboardingStatus;
    return !Array.isArray(steps) || steps.every((step) => step.done !== false);
  } catch {
    return true;
  }
}

/** First start: creates the owner; the answer is a login code, traded like any other. */
export async function createOwner(name: string, password: string, fetchFn: FetchLike): Promise<string> {
  const response = await post(
    '/api/onboarding/users',
    JSON.stringify({ name, password }),
    'application/json',
    fetchFn,
  );
  const body = (await response.json().catch(() => null)) as Partial<
    OnboardingUserResponse & { message: string }
  > | null;
  if (!response.ok || typeof body?.auth_code !== 'string')
    throw new LoginError(body?.message ?? 'The hub refused to create the owner.', 'refused');
  return body.auth_code;
}
