import { AuthStore } from '../auth/auth-store.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase } from '../storage/database.ts';
import { CliError, EXIT_OK } from './cli-error.ts';
import { parseFlags } from './parse-flags.ts';

const HELP = `Usage: hearth token create --name NAME [--data DIR]
       hearth token list [--data DIR]

create  prints a new long-lived access token, and nothing else, on stdout; give it to a
        script, to home-assistant-js-websocket, or paste it in the panel's login. Only its
        hash is stored.
list    the tokens of the owner, by name.

  --name NAME  what the token is for (e.g. "phone", "backup script")
  --data DIR   data folder (default ./hearth-data)
  -h, --help   this help
`;

export async function tokenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    name: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (rest.length > 0) throw new CliError(`unexpected argument "${rest[0]}"`);
  const db = openDatabase(values.data ?? './hearth-data');
  try {
    const auth = new AuthStore(db, systemClock);
    const owner = auth.owner();
    if (action === 'create') {
      const name = values.name?.trim();
      if (!name) throw new CliError('token create needs --name NAME');
      if (name.length > 100) throw new CliError('--name must be at most 100 characters');
      process.stdout.write(`${auth.createToken(owner.id, name, 'long_lived')}\n`);
      return EXIT_OK;
    }
    if (action === 'list') {
      for (const token of auth.listTokens(owner.id)) {
        process.stdout.write(
          `${token.name}\t${token.kind}\tcreated ${new Date(token.createdAt).toISOString()}\n`,
        );
      }
      return EXIT_OK;
    }
    throw new CliError(`unknown token action "${action}" (create, list)`);
  } finally {
    db.close();
  }
}
