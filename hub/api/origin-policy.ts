/**
 * Which browser pages may open the WebSocket. Browsers always send `Origin` on a WebSocket
 * handshake; other clients (scripts, home-assistant-js-websocket on Node) send none and are let
 * through to authenticate. A browser page must come from the hub itself or from an origin in
 * the allow-list, compared exactly.
 *
 * On loopback, the hub's own origins are the loopback names with its port, so a page of another
 * site that rebinds its DNS name to 127.0.0.1 is still refused (DNS rebinding). On another
 * interface the hub cannot know every name it is reached by, so its origin is the one the
 * request's `Host` names.
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(
    private readonly options: {
      loopbackOnly: boolean;
      port: () => number;
      allowedOrigins: readonly string[];
    },
  ) {
    this.allowed = new Set(options.allowedOrigins.map((origin) => origin.replace(/\/$/, '')));
  }

  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.allowed.has(origin)) return true;
    if (this.options.loopbackOnly) {
      const port = this.options.port();
      return ['localhost', '127.0.0.1', '[::1]'].some(
        (name) => origin === `http://${name}:${port}` || origin === `https://${name}:${port}`,
      );
    }
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  }
}
