import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT_OK } from './cli-error.ts';
import { hubSystemdUnit } from './hub-systemd-unit.ts';
import { operands, subcommandArgs } from './subcommand-args.ts';

const UNIT_PATH = '/etc/systemd/system/hearth.service';
const DEFAULT_DATA = '/var/lib/hearth';

const HELP = `Usage: hearth service install [--user USER] [--data DIR] [--dry-run]

Writes a systemd unit that runs the hub at boot (${UNIT_PATH}), as root:
as USER, on DIR, restarted on failure, in the dialout group for serial ports, hardened.
Then: systemctl daemon-reload && systemctl enable --now hearth

  --user USER  the account the hub runs as (default: the one who ran sudo, else the current one)
  --data DIR   data folder (default ${DEFAULT_DATA}, which systemd creates for USER)
  --dry-run    print the unit instead of writing it
  -h, --help   this help
`;

export async function serviceCommand(args: string[]): Promise<number> {
  const {
    values,
    action,
    operands: given,
  } = subcommandArgs(
    'service',
    args,
    { user: { type: 'string' }, data: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    ['install'],
  );
  if (action === undefined) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  operands('service', action, given, []);
  const user = values.user ?? process.env.SUDO_USER ?? userInfo().username;
  if (user === 'root' && values.user === undefined)
    throw new CliError(
      'the hub should not run as root: pass --user USER (an account of its own, e.g. hearth)',
    );
  const dataDir = path.resolve(values.data ?? DEFAULT_DATA);
  const unit = hubSystemdUnit({
    user,
    dataDir,
    node: process.execPath,
    hearth: fileURLToPath(new URL('./hearth.js', import.meta.url)),
  });
  if (values['dry-run']) {
    process.stdout.write(unit);
    return EXIT_OK;
  }
  if (!dataDir.startsWith('/var/lib/') && !existsSync(dataDir))
    throw new CliError(
      `${dataDir} does not exist: create it for ${user} first (mkdir -p ${dataDir} && chown ${user} ${dataDir})`,
    );
  try {
    writeFileSync(UNIT_PATH, unit, { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new CliError(`cannot write ${UNIT_PATH}: run as root (sudo)`);
    throw error;
  }
  process.stdout.write(
    `wrote ${UNIT_PATH} (user ${user}, data ${dataDir})\nstart it: systemctl daemon-reload && systemctl enable --now hearth\n`,
  );
  return EXIT_OK;
}
