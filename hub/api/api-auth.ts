import type { AuthStore, TokenCheck } from '../auth/auth-store.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { Logger } from '../core/logger.ts';

/**
 * Access tokens presented at the API's doors (the WebSocket's `auth` message, REST's bearer
 * header). A token that does not exist counts as a failed login of the address, toward its ban; an
 * expired one is a real client that must refresh, and does not. Logs say which door, which
 * address and which user — never the token.
 */
export class ApiAuth {
  constructor(
    private readonly auth: AuthStore,
    private readonly throttle: LoginThrottle,
    private readonly log: Logger,
  ) {}

  check(token: string, address: string, door: 'websocket' | 'rest'): TokenCheck {
    const result = this.auth.checkToken(token, address);
    if ('user' in result) {
      this.log.debug(`auth: ${door} from ${address}: ${result.user.name}`);
    } else if (result.error === 'expired') {
      this.log.debug(`auth: ${door} from ${address} refused: expired access token`);
    } else {
      this.throttle.failed(address);
      this.log.warn(`auth: ${door} from ${address} refused: invalid access token`);
    }
    return result;
  }
}
