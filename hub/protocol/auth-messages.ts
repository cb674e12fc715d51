/**
 * The panel's login over HTTP and the token commands of the WebSocket API, typed in one place.
 * Shapes as Home Assistant's (https://developers.home-assistant.io/docs/auth_api), which follows
 * OAuth 2 (RFC 6749): form-encoded requests to `/auth/token`, JSON answers.
 */

/**
 * `POST /auth/token`, form-encoded, one of:
 * - `grant_type=password&username=…&password=…` — a login (RFC 6749 §4.3);
 * - `grant_type=authorization_code&code=…` — the one-time login code that `hearth demo` prints
 *   (in the address's fragment, `/#code=…`, which browsers never send to a server) or that
 *   onboarding returns;
 * - `grant_type=refresh_token&refresh_token=…` — a new access token for a login (§6).
 * A login answers with a refresh token too; a refresh does not.
 */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds the access token lives. */
  expires_in: number;
  refresh_token?: string;
}

/** RFC 6749 §5.2, plus `too_many_attempts` (429, with `Retry-After`) and `banned` (403). */
export interface TokenErrorResponse {
  error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'too_many_attempts' | 'banned';
  error_description: string;
}

/** `GET /api/onboarding`: `done` is false until the first user exists. */
export type OnboardingStatus = { step: 'user'; done: boolean }[];

/** `POST /api/onboarding/users` (JSON), only while there is no user; answered with a login code. */
export interface OnboardingUserRequest {
  name: string;
  password: string;
}
export interface OnboardingUserResponse {
  auth_code: string;
}

/** One entry of `auth/refresh_tokens`, as Home Assistant lists them. */
export interface RefreshTokenEntry {
  id: string;
  client_name: string;
  type: 'normal' | 'long_lived_access_token';
  created_at: string;
  last_used_at: string | null;
  last_used_ip: string | null;
  expires_at: string | null;
  /** The token this connection authenticated with. */
  is_current: boolean;
}
