import type { TokenInfo } from '../auth/auth-store.ts';
import { AuthStore } from '../auth/auth-store.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase } from '../storage/database.ts';
import { CliError, EXIT_OK } from './cli-error.ts';
import { operands, subcommandArgs } from './subcommand-args.ts';

const HELP = `Usage: hearth token create --name NAME [--user USER] [--days N] [--data DIR]
       hearth token list [--user USER] [--data DIR]
       hearth token revoke ID [--data DIR]

create  prints a new long-lived access token, and nothing else, on stdout; give it to a
        script, to home-assistant-js-websocket, or paste it in the panel's login. Only its
        hash is stored. It belongs to USER (default: the owner), for N days (default: for ever).
list    every token (or USER's): id, name, kind (long_lived, or session: a panel's login),
        user, when it was made and last used
revoke  ends a token by its id (or its name, when only one has it); connections using it close

  --name NAME  what the token is for (e.g. "phone", "backup script")
  --user USER  whose token (default: the owner)
  --days N     the token expires after N days
  --data DIR   data folder (default ./hearth-data)
  -h, --help   this help
`;

export async function tokenCommand(args: string[]): Promise<number> {
  const {
    values,
    action,
    operands: given,
  } = subcommandArgs(
    'token',
    args,
    {
      name: { type: 'string' },
      user: { type: 'string' },
      days: { type: 'string' },
      data: { type: 'string' },
    },
    ['create', 'list', 'revoke'],
  );
  if (action === undefined) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const [target] = operands(
    'token',
    action,
    given,
    action === 'revoke' ? ['an ID (see `hearth token list`)'] : [],
  );
  const name = values.name?.trim();
  if (action === 'create') {
    if (!name) throw new CliError('token create needs --name NAME');
    if (name.length > 100 || /\p{Cc}/u.test(name))
      throw new CliError('--name must be at most 100 characters, without control characters');
  }
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 36_500))
    throw new CliError(`--days must be a whole number of days 1..36500, got "${values.days}"`);

  const db = openDatabase(values.data ?? './hearth-data');
  try {
    const auth = new AuthStore(db, systemClock);
    const user =
      values.user === undefined ? undefined : (auth.users.byName(values.user) ?? noSuchUser(values.user));
    const print = (line: string) => process.stdout.write(`${line}\n`);
    if (action === 'create') {
      const owner = user ?? auth.users.owner();
      if (!owner)
        throw new CliError(
          'no user yet: create the owner first (`hearth user add NAME`, or the panel on first start)',
        );
      print(auth.createLongLivedToken(owner.id, name as string, days).token);
    } else if (action === 'list') {
      for (const token of auth.listTokens(user?.id)) print(describe(token));
    } else {
      const tokens = auth.listTokens();
      const byId = tokens.find((token) => token.id === target);
      const byName = tokens.filter((token) => token.name === target);
      const token = byId ?? (byName.length === 1 ? byName[0] : undefined);
      if (!token)
        throw new CliError(
          byName.length > 1
            ? `${byName.length} tokens are named "${target}": revoke one by its id`
            : `no token "${target}" (see \`hearth token list\`)`,
        );
      auth.revoke(token.id);
      print(`revoked ${token.name} (${token.id})`);
    }
    return EXIT_OK;
  } finally {
    db.close();
  }
}

function describe(token: TokenInfo): string {
  const when = (time: number | null) => (time === null ? 'never' : new Date(time).toISOString());
  const expiry = token.expiresAt === null ? '' : `\texpires ${when(token.expiresAt)}`;
  return `${token.id}\t${token.name}\t${token.kind}\t${token.userName}\tcreated ${when(token.createdAt)}\tlast used ${when(token.lastUsedAt)}${expiry}`;
}

function noSuchUser(name: string): never {
  throw new CliError(`no user named "${name}" (see \`hearth user list\`)`);
}
