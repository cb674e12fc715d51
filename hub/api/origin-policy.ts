import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1']);
const WILDCARD_BINDS = new Set(['0.0.0.0', '::']);

export interface OriginPolicyOptions {
  /** The interface the hub listens on (`host`). */
  host: string;
  scheme: () => 'http' | 'https';
  port: () => number;
  /** Further origins, exactly as browsers send them (`https://hub.example.org`). */
  allowedOrigins: readonly string[];
  /** The machine's addresses and names; the OS's by default, a fixed list in tests. */
  names?: () => readonly string[];
}

/**
 * Which browser pages may open the WebSocket. Browsers always send `Origin` on a WebSocket
 * handshake; other clients (scripts, home-assistant-js-websocket on Node) send none and are let
 * through to authenticate. A browser page must come from the hub's own origin or from one in the
 * allow-list, compared exactly, as a whole string.
 *
 * The hub's own origins are the names it can be reached by, with its scheme and port: the loopback
 * names when it listens on loopback; the interface's address when it listens on one; every address
 * of the machine when it listens on all; and the machine's host name (and `<name>.local`, mDNS)
 * off loopback. Never the request's `Host`: a page of another site whose DNS name was rebound to
 * the hub's address sends its own name there, and would pass. A hub reached by another name (a DNS
 * entry, a reverse proxy) lists it in `allowedOrigins`.
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(private readonly options: OriginPolicyOptions) {
    this.allowed = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  }

  allows(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    return this.allowed.has(origin) || this.ownOrigins().has(origin);
  }

  private ownOrigins(): Set<string> {
    const scheme = this.options.scheme();
    const port = this.options.port();
    const defaultPort = (scheme === 'https' ? 443 : 80) === port;
    const origins = new Set<string>();
    for (const name of this.names()) {
      origins.add(`${scheme}://${name}:${port}`);
      if (defaultPort) origins.add(`${scheme}://${name}`);
    }
    return origins;
  }

  private names(): string[] {
    const { host } = this.options;
    if (LOOPBACK_BINDS.has(host)) return LOOPBACK_NAMES;
    const machine = this.options.names?.() ?? machineNames();
    if (WILDCARD_BINDS.has(host)) return [...LOOPBACK_NAMES, ...machine];
    const own = host.includes(':') ? `[${host}]` : host;
    return [own, ...machine.filter((name) => !/^[\d.]+$|^\[/.test(name))];
  }
}

/** Every address of the machine's interfaces (IPv6 bracketed, link-local ones left out: a browser cannot name their zone), and its host name. */
function machineNames(): string[] {
  const names = new Set<string>();
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4') names.add(address.address);
      else if (!address.address.toLowerCase().startsWith('fe80')) names.add(`[${address.address}]`);
    }
  }
  const host = hostname().toLowerCase();
  names.add(host);
  if (!host.includes('.')) names.add(`${host}.local`);
  return [...names];
}
