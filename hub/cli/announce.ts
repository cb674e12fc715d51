import type { Hub } from '../hub.ts';

/** The address a person should open: a wildcard bind is reached through localhost on this machine. */
export function panelUrl(hub: Hub): string {
  const host = hub.context.config.host;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${hub.httpPort}/`;
}

/**
 * Prints where the hub is, one fact a line (`panel:`, `mqtt:`, `log in:`), which tests and
 * scripts read too. The login link carries a one-time code in its fragment, which browsers never
 * send to a server; the panel trades it for a token and wipes it from the address bar.
 */
export function announce(hub: Hub, title: string, write: (line: string) => void): void {
  const url = panelUrl(hub);
  const code = hub.context.auth.createLoginCode(hub.context.auth.owner().id);
  write(`${title}`);
  write(`  panel:  ${url}`);
  write(`  mqtt:   ${hub.mqttUrl}`);
  write(`  log in: ${url}#code=${code}  (one-time code, valid 10 minutes)`);
}
