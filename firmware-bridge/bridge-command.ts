import { hostname } from 'node:os';
import { CliError, EXIT_OK, EXIT_USAGE } from '../hub/cli/cli-error.ts';
import { parseFlags } from '../hub/cli/parse-flags.ts';
import { untilSignal } from '../hub/cli/until-signal.ts';
import { systemClock } from '../hub/core/clock.ts';
import { HubError } from '../hub/core/hub-error.ts';
import { createLogger } from '../hub/core/logger.ts';
import { parseInput } from '../hub/core/parse-input.ts';
import { startBridge } from './bridge.ts';
import { type BridgeConfig, bridgeConfigSchema, readConfigFile } from './bridge-config.ts';

const HELP = `Usage: hearth bridge --port PATH [--protocol jsonl|firmata] --mqtt-url URL [--config FILE]
       hearth bridge --config FILE
       hearth bridge pack --arch arm64|armv7 --out FILE.tar.gz  (the bridge for a Pi: pack --help)

Serial microcontrollers as MQTT devices: each MCU on a serial port is published with Home
Assistant discovery (through this bridge, its via_device), with its availability, and with
diagnostics (frames good and bad, last seen). Unplugged ports are reopened by themselves.

  --port PATH        a serial port (/dev/ttyACM0, or the pty \`hearth sim --serial\` prints);
                     added to the ports of --config
  --protocol NAME    jsonl (default): hearth's JSON-lines protocol (firmware-bridge/PROTOCOL.md);
                     firmata: StandardFirmata, which needs a pin map in --config
  --mqtt-url URL     the broker, mqtt://[user[:password]@]host[:port]; overrides --config
  --config FILE      a JSON file: { "id", "name", "mqttUrl", "ports": [{ "path", "protocol",
                     "pins": [...] }], ... } (see the README, "Serial devices")
  -h, --help         this help
`;

/**
 * \`hearth bridge\`: runs until SIGINT or SIGTERM, then says offline and exits 0. A bad command
 * line or config file exits 2 with one line saying what is wrong and where.
 */
export async function bridgeCommand(args: string[]): Promise<number> {
  if (args[0] === 'pack') return (await import('./pack/pack-command.ts')).packCommand(args.slice(1));
  let config: BridgeConfig;
  try {
    const { values, positionals } = parseFlags(args, {
      port: { type: 'string' },
      protocol: { type: 'string' },
      'mqtt-url': { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    if (values.help) {
      process.stdout.write(HELP);
      return EXIT_OK;
    }
    config = loadBridgeConfig(values);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`hearth bridge: ${error.message} (see --help)\n`);
    return EXIT_USAGE;
  }

  const logger = createLogger(config.logLevel);
  const stopping = untilSignal();
  const started = startBridge(config, { hostname: hostname(), logger, clock: systemClock });
  const first = await Promise.race([started, stopping]);
  if (typeof first === 'string') return EXIT_OK;
  process.stdout.write(
    `hearth bridge: ${first.id} on ${config.mqttUrl.replace(/\/\/[^@/]*@/, '//')}, ${config.ports
      .map((port, index) => `${port.path} (${port.protocol}, ${first.mcuIds[index]})`)
      .join(', ')}\n`,
  );
  await stopping;
  await first.stop();
  return EXIT_OK;
}

interface BridgeFlags {
  port?: string | undefined;
  protocol?: string | undefined;
  'mqtt-url'?: string | undefined;
  config?: string | undefined;
}

/** The config file, then the flags over it, validated; a CliError names the offending key. */
function loadBridgeConfig(flags: BridgeFlags): BridgeConfig {
  const input = flags.config === undefined ? {} : readConfigFile(flags.config);
  if (flags.protocol !== undefined && flags.port === undefined)
    throw new CliError('--protocol goes with --port');
  if (flags.protocol !== undefined && flags.protocol !== 'jsonl' && flags.protocol !== 'firmata')
    throw new CliError(`--protocol must be jsonl or firmata, got "${flags.protocol}"`);
  if (flags.protocol === 'firmata')
    throw new CliError('--protocol firmata needs a pin map: put the port, with its "pins", in --config');
  if (flags['mqtt-url'] !== undefined) input.mqttUrl = flags['mqtt-url'];
  if (flags.port !== undefined) {
    const ports = Array.isArray(input.ports) ? input.ports : [];
    input.ports = [...ports, { path: flags.port, protocol: flags.protocol ?? 'jsonl' }];
  }
  if (input.mqttUrl === undefined) throw new CliError('--mqtt-url is required (or "mqttUrl" in --config)');
  try {
    return parseInput(bridgeConfigSchema, input, flags.config ? 'config' : 'flags');
  } catch (error) {
    if (error instanceof HubError) throw new CliError(error.message);
    throw error;
  }
}
