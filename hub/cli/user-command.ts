import { AuthStore } from '../auth/auth-store.ts';
import { UserError } from '../auth/users.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase } from '../storage/database.ts';
import { CliError, EXIT_OK } from './cli-error.ts';
import { askNewPassword } from './read-password.ts';
import { operands, subcommandArgs } from './subcommand-args.ts';

const HELP = `Usage: hearth user add NAME [--owner] [--data DIR]
       hearth user list [--data DIR]
       hearth user remove NAME [--data DIR]
       hearth user passwd NAME [--data DIR]

The people who may log in to the panel, with a name and a password (kept as a scrypt hash).
The password is asked twice on the terminal, or read from the first line of standard input
when that is not a terminal. Works while the hub runs.

add     a user; the first one is the owner, --owner makes another one an owner too
list    every user: name, role, whether they have a password
remove  a user, with their tokens and sessions; the last owner stays
passwd  sets a user's password, and logs them out of every panel

  --data DIR   data folder (default ./hearth-data)
  -h, --help   this help
`;

export async function userCommand(args: string[]): Promise<number> {
  const {
    values,
    action,
    operands: given,
  } = subcommandArgs('user', args, { owner: { type: 'boolean' }, data: { type: 'string' } }, [
    'add',
    'list',
    'remove',
    'passwd',
  ]);
  if (action === undefined) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const [name] = operands('user', action, given, action === 'list' ? [] : ['a NAME']);
  const db = openDatabase(values.data ?? './hearth-data');
  const auth = new AuthStore(db, systemClock);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    switch (action) {
      case 'add': {
        const user = await auth.users.add(name as string, await askNewPassword(name as string), {
          owner: values.owner === true,
        });
        print(`added ${user.name}${user.isOwner ? ' (owner)' : ''}`);
        break;
      }
      case 'list':
        for (const user of auth.users.list()) {
          const role = user.isOwner ? 'owner' : 'user';
          const password = user.hasPassword ? 'password' : 'no password';
          print(`${user.name}\t${role}\t${password}\tcreated ${new Date(user.createdAt).toISOString()}`);
        }
        break;
      case 'remove':
        print(`removed ${auth.users.remove(name as string).name}, with their tokens`);
        break;
      case 'passwd': {
        if (!auth.users.byName(name as string)) throw new UserError(`no user named "${name}"`);
        const user = await auth.users.setPassword(name as string, await askNewPassword(name as string));
        const ended = auth.revokeSessions(user.id);
        print(`password changed for ${user.name}; ${ended} session${ended === 1 ? '' : 's'} logged out`);
        break;
      }
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UserError) throw new CliError(error.message);
    throw error;
  } finally {
    db.close();
  }
}
