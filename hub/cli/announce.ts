import type { Hub } from '../hub.ts';

/** The address a person should open: a wildcard bind is reached through localhost on this machine. */
export function panelUrl(hub: Hub): string {
  const { host, tls } = hub.context.config;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${shown}:${hub.httpPort}/`;
}

/**
 * Prints where the hub is, one fact a line (`panel:`, `mqtt:`, then `log in:` or `set up:`), which
 * tests and scripts read too. With no user yet, the panel offers onboarding: whoever opens it first
 * creates the owner. `loginLink` (the demo) prints a link with a one-time login code instead, for
 * the owner — created without a password if there is none — in its fragment, which browsers never
 * send to a server; the panel trades it for a token and wipes it from the address bar.
 */
export async function announce(
  hub: Hub,
  title: string,
  write: (line: string) => void,
  options: { loginLink?: boolean } = {},
): Promise<void> {
  const url = panelUrl(hub);
  const { auth } = hub.context;
  write(`${title}`);
  write(`  panel:  ${url}`);
  write(`  mqtt:   ${hub.mqttUrl}`);
  if (options.loginLink) {
    const owner = auth.users.owner() ?? (await auth.users.add('owner', undefined));
    write(`  log in: ${url}#code=${auth.createLoginCode(owner.id)}  (one-time code, valid 10 minutes)`);
  } else if (auth.users.count() === 0) {
    write(`  set up: ${url}  (no user yet: create the owner there, or with \`hearth user add NAME\`)`);
  } else {
    write(`  log in: ${url}`);
  }
}
