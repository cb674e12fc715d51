import { configReference } from '../config/config-reference.ts';
import { loadHubConfig } from '../config/hub-config.ts';
import { EXIT_FAILURE, EXIT_OK } from './cli-error.ts';
import { operands, subcommandArgs } from './subcommand-args.ts';

const HELP = `Usage: hearth config check FILE | keys

  check FILE  validate a config file (hearth.yaml, or JSON) as the hub would read it, without
              the environment: prints "ok", or the bad key, its line and why (exit 1)
  keys        the reference of every key: default, values, unit (a markdown table). Each key is
              also a flag (httpPort: --http-port) and an environment variable (HEARTH_HTTP_PORT)
  -h, --help  this help
`;

export async function configCommand(args: string[]): Promise<number> {
  const { action, operands: given } = subcommandArgs('config', args, {}, ['check', 'keys', 'schema']);
  if (action === undefined) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (action === 'check') {
    const [file] = operands('config', action, given, ['FILE']);
    try {
      loadHubConfig({ file });
    } catch (error) {
      process.stderr.write(`hearth: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
    process.stdout.write('ok\n');
    return EXIT_OK;
  }
  operands('config', action, given, []);
  process.stdout.write(configReference());
  return EXIT_OK;
}
