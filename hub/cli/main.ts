import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-error.ts';

const HELP = `Usage: hearth <command> [options]

A smart-home hub: MQTT devices to a web control panel, Home Assistant compatible.

Commands:
  start   run the hub (embedded MQTT broker, discovery, panel, WebSocket API)
  demo    run the hub with a simulated house, and print where to open the panel
  sim     run simulated devices against a broker
  bridge  serial microcontrollers (JSON lines, Firmata) as MQTT devices
  flash   write the bridge onto a Raspberry Pi OS image or SD card
  backup  write a consistent copy of the database, even while the hub runs
  restore put a backup back (with the hub stopped)
  token   create, list or revoke access tokens
  user    add, list or remove the people who may log in, or set a password
  device  add, list or remove MQTT credentials of devices
  config  check a config file (hearth.yaml), or list every key with its default
  service install a systemd service that runs the hub at boot

Run \`hearth <command> --help\` for a command's options.
`;

// Loaded on demand: `hearth token` should not pay for loading the broker and the panel server.
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  start: async (args) => (await import('./start-command.ts')).startCommand(args),
  demo: async (args) => (await import('./demo-command.ts')).demoCommand(args),
  sim: async (args) => (await import('../../device-sim/sim-command.ts')).simCommand(args),
  bridge: async (args) => (await import('../../firmware-bridge/bridge-command.ts')).bridgeCommand(args),
  flash: async (args) => (await import('../../firmware-bridge/flash/flash-command.ts')).flashCommand(args),
  token: async (args) => (await import('./token-command.ts')).tokenCommand(args),
  backup: async (args) => (await import('./backup-command.ts')).backupCommand(args),
  restore: async (args) => (await import('./restore-command.ts')).restoreCommand(args),
  user: async (args) => (await import('./user-command.ts')).userCommand(args),
  device: async (args) => (await import('./device-command.ts')).deviceCommand(args),
  config: async (args) => (await import('./config-command.ts')).configCommand(args),
  service: async (args) => (await import('./service-command.ts')).serviceCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new CliError(`unknown command "${name}"; run \`hearth --help\``);
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`hearth: ${error.message}\n`);
      process.exit(EXIT_USAGE);
    }
    process.stderr.write(`hearth: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT_FAILURE);
  },
);
