import { restoreDatabase } from '../storage/backup.ts';
import { DataDirBusy } from '../storage/data-dir-lock.ts';
import { CliError, EXIT_FAILURE, EXIT_OK } from './cli-error.ts';
import { parseFlags } from './parse-flags.ts';
import { createProgress } from './progress.ts';

const HELP = `Usage: hearth restore FILE [--data DIR]

Puts a backup made by \`hearth backup\` back as the hub's database. Stop the hub first: restore
refuses while a hub runs on the data folder. The database it replaces is kept as
hearth.db.before-restore in the data folder.

  --data DIR   data folder (default ./hearth-data)
  -q, --quiet  no progress on stderr
  -h, --help   this help
`;

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    data: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const [file, ...rest] = positionals;
  if (!file) throw new CliError('restore needs the backup FILE');
  if (rest.length > 0) throw new CliError(`unexpected argument "${rest[0]}"`);
  const dataDir = values.data ?? './hearth-data';
  try {
    const progress = createProgress('hearth restore', { quiet: values.quiet });
    const { keptAs } = await progress.run(() => restoreDatabase(file, dataDir, progress));
    process.stdout.write(`restored ${file} into ${dataDir}\n`);
    if (keptAs) process.stdout.write(`the database it replaced is kept as ${keptAs}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof DataDirBusy)) throw error;
    process.stderr.write(`hearth: ${error.message}; stop it before restoring\n`);
    return EXIT_FAILURE;
  }
}
