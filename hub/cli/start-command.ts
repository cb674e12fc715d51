import { createLogger } from '../core/logger.ts';
import { Hub } from '../hub.ts';
import { announce } from './announce.ts';
import { EXIT_OK } from './cli-error.ts';
import { HUB_FLAGS_HELP, hubConfigFromArgs } from './hub-flags.ts';
import { untilSignal } from './until-signal.ts';

const HELP = `Usage: hearth start [options]

Starts the hub: the embedded MQTT broker (or a connection to --mqtt-url), MQTT discovery,
the panel and the WebSocket API.

${HUB_FLAGS_HELP}
`;

export async function startCommand(args: string[]): Promise<number> {
  const { config, help } = hubConfigFromArgs(args);
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const log = createLogger(config.logLevel, undefined, {
    levels: config.logLevels,
    format: config.logFormat,
  });
  const hub = await Hub.start(config, log);
  await announce(hub, 'hearth is running', (line) => process.stdout.write(`${line}\n`));
  await untilSignal();
  await hub.stop();
  return EXIT_OK;
}
