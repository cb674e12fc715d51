import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SessionGrant } from '../auth/auth-store.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { User } from '../auth/users.ts';
import { UserError } from '../auth/users.ts';
import type { HubContext } from '../hub-context.ts';
import type {
  OnboardingStatus,
  OnboardingUserResponse,
  TokenErrorResponse,
  TokenResponse,
} from '../protocol/auth-messages.ts';
import { clientName } from './client-name.ts';
import { BodyTooLarge, readBody, sendJson } from './http-util.ts';

const tokenRequest = z.discriminatedUnion('grant_type', [
  z.looseObject({
    grant_type: z.literal('password'),
    username: z.string().max(64),
    password: z.string().max(1024),
  }),
  z.looseObject({ grant_type: z.literal('authorization_code'), code: z.string().max(64) }),
  z.looseObject({ grant_type: z.literal('refresh_token'), refresh_token: z.string().max(512) }),
]);

const onboardingRequest = z.looseObject({ name: z.string().max(256), password: z.string().max(1024) });

const BODY_LIMIT = 4096;

/**
 * The login doors over HTTP: `/auth/token` (password, login code, refresh), `/auth/revoke`
 * (logout), and the first start's onboarding (`/api/onboarding`), as Home Assistant's. Password
 * and code attempts go through the login throttle; every outcome is logged with the address and
 * the name tried — never a password or a token.
 */
export class AuthRoutes {
  constructor(
    private readonly hub: HubContext,
    private readonly throttle: LoginThrottle,
  ) {}

  /** False when the path is not one of these routes. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    switch (pathname) {
      case '/auth/token':
        if (post(req, res)) await this.token(req, res);
        return true;
      case '/auth/revoke':
        if (post(req, res)) await this.revoke(req, res);
        return true;
      case '/api/onboarding': {
        const status: OnboardingStatus = [{ step: 'user', done: this.hub.auth.users.count() > 0 }];
        sendJson(res, 200, status);
        return true;
      }
      case '/api/onboarding/users':
        if (post(req, res)) await this.onboard(req, res);
        return true;
      default:
        return false;
    }
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = addressOf(req);
    const form = await readForm(req, res);
    if (!form) return;
    const parsed = tokenRequest.safeParse(form);
    if (!parsed.success) {
      const grant = form.grant_type;
      if (grant !== 'password' && grant !== 'authorization_code' && grant !== 'refresh_token')
        return oauthError(
          res,
          400,
          'unsupported_grant_type',
          'grant_type must be password, authorization_code or refresh_token',
        );
      return oauthError(
        res,
        400,
        'invalid_request',
        `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
      );
    }
    const request = parsed.data;
    const { auth, log } = this.hub;
    const verdict = this.throttle.check(address);
    if (!verdict.allowed) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      log.debug(
        `auth: login from ${address} refused: ${verdict.banned ? 'banned' : 'throttled'} for ${seconds} s`,
      );
      res.setHeader('Retry-After', String(seconds));
      return verdict.banned
        ? oauthError(
            res,
            403,
            'banned',
            `Too many failed logins from your address; try again in ${minutes(seconds)}.`,
          )
        : oauthError(res, 429, 'too_many_attempts', `Too many failed logins; try again in ${seconds} s.`);
    }

    if (request.grant_type === 'refresh_token') {
      const grant = auth.refresh(request.refresh_token, address);
      if (!grant) {
        this.throttle.failed(address);
        log.warn(`auth: refresh from ${address} refused: unknown or revoked refresh token`);
        return oauthError(res, 400, 'invalid_grant', 'The session has ended; log in again.');
      }
      const body: TokenResponse = {
        access_token: grant.accessToken,
        token_type: 'Bearer',
        expires_in: grant.expiresIn,
      };
      sendJson(res, 200, body);
      return;
    }

    let user: User | undefined;
    let how: string;
    if (request.grant_type === 'password') {
      how = 'password';
      user = await auth.users.authenticate(request.username, request.password);
      if (!user) {
        this.throttle.failed(address);
        log.warn(`auth: login failed for ${JSON.stringify(request.username.slice(0, 64))} from ${address}`);
        return oauthError(res, 400, 'invalid_grant', 'Invalid username or password.');
      }
    } else {
      how = 'login code';
      user = auth.redeemLoginCode(request.code);
      if (!user) {
        this.throttle.failed(address);
        log.warn(`auth: login code refused from ${address}`);
        return oauthError(res, 400, 'invalid_grant', 'The login code is wrong, used or expired.');
      }
    }
    this.throttle.succeeded(address);
    log.info(`auth: ${user.name} logged in from ${address} (${how})`);
    sendJson(
      res,
      200,
      sessionResponse(auth.startSession(user.id, clientName(req.headers['user-agent']), address)),
    );
  }

  /** RFC 7009 §2.2: the answer is 200 whether or not the token existed, so it reveals nothing. */
  private async revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req, res);
    if (!form) return;
    if (typeof form.token === 'string' && this.hub.auth.revokeByValue(form.token))
      this.hub.log.info(`auth: logout from ${addressOf(req)}`);
    sendJson(res, 200, {});
  }

  private async onboard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { auth, log } = this.hub;
    const address = addressOf(req);
    if (auth.users.count() > 0) return sendJson(res, 403, { message: 'User step already done' });
    const text = await readLimited(req, res);
    if (text === undefined) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { message: 'Data should be valid JSON.' });
    }
    const parsed = onboardingRequest.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { message: 'name and password are required.' });
    let owner: User | undefined;
    try {
      owner = await auth.users.addFirstOwner(parsed.data.name, parsed.data.password);
    } catch (error) {
      if (error instanceof UserError) return sendJson(res, 400, { message: capitalize(error.message) });
      throw error;
    }
    if (!owner) return sendJson(res, 403, { message: 'User step already done' });
    log.info(`auth: onboarding created the owner ${owner.name} from ${address}`);
    const body: OnboardingUserResponse = { auth_code: auth.createLoginCode(owner.id) };
    sendJson(res, 200, body);
  }
}

function sessionResponse(grant: SessionGrant): TokenResponse {
  return {
    access_token: grant.accessToken,
    token_type: 'Bearer',
    expires_in: grant.expiresIn,
    refresh_token: grant.refreshToken,
  };
}

function post(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'POST') return true;
  res.setHeader('Allow', 'POST');
  sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' });
  return false;
}

async function readLimited(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  try {
    return await readBody(req, BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    sendJson(res, 413, { error: 'invalid_request', error_description: 'body too large' });
    return undefined;
  }
}

async function readForm(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Record<string, string> | undefined> {
  const text = await readLimited(req, res);
  return text === undefined ? undefined : Object.fromEntries(new URLSearchParams(text));
}

function oauthError(
  res: ServerResponse,
  status: number,
  error: TokenErrorResponse['error'],
  description: string,
): void {
  const body: TokenErrorResponse = { error, error_description: description };
  sendJson(res, status, body);
}

export const addressOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';

const minutes = (seconds: number): string =>
  seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} minutes`;
const capitalize = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
