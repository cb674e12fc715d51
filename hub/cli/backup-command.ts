import path from 'node:path';
import { backupDatabase } from '../storage/backup.ts';
import { CliError, EXIT_OK } from './cli-error.ts';
import { parseFlags } from './parse-flags.ts';
import { createProgress } from './progress.ts';

const HELP = `Usage: hearth backup --out FILE [--data DIR]

Writes a consistent copy of the hub's database — users, tokens, the registry of devices, entities
and areas, history — to FILE, with SQLite's online backup API. The hub may be running: it keeps
working while the copy is made. Put it back with \`hearth restore FILE\`.

  --out FILE   where to write the backup (replaced if it exists)
  --data DIR   data folder (default ./hearth-data)
  -q, --quiet  no progress on stderr (it goes there only; stdout says where the backup is)
  -h, --help   this help
`;

export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    out: { type: 'string' },
    data: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new CliError('backup needs --out FILE');
  const out = values.out;
  const progress = createProgress('hearth backup', { quiet: values.quiet });
  const { bytes } = await progress.run(() => backupDatabase(values.data ?? './hearth-data', out, progress));
  process.stdout.write(`backup written to ${path.resolve(out)} (${Math.ceil(bytes / 1024)} KiB)\n`);
  return EXIT_OK;
}
