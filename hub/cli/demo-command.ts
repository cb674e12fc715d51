import { startSimulator } from '../../device-sim/simulator.ts';
import { createLogger } from '../core/logger.ts';
import { Hub } from '../hub.ts';
import { announce } from './announce.ts';
import { EXIT_OK } from './cli-error.ts';
import { HUB_FLAGS_HELP, hubConfigFromArgs } from './hub-flags.ts';
import { untilSignal } from './until-signal.ts';

const HELP = `Usage: hearth demo [options]

Starts the hub and a simulated house (lights, a plug, sensors, motion, a door) that talks to it
over MQTT exactly as real devices do, and prints the panel's address with a one-time login code.

${HUB_FLAGS_HELP}
`;

export async function demoCommand(args: string[]): Promise<number> {
  const { config, help } = hubConfigFromArgs(args);
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const hub = await Hub.start(config, log);
  const simulator = await startSimulator({
    // hub.mqttUrl hides the password of --mqtt-url; the simulated devices need it.
    mqttUrl: config.mqttUrl ?? hub.mqttUrl,
    house: 'demo',
    log: (line) => log.debug(`sim: ${line}`),
  });
  announce(hub, `hearth demo is running: ${simulator.devices.size} simulated devices`, (line) =>
    process.stdout.write(`${line}\n`),
  );
  process.stdout.write('Press Ctrl+C to stop.\n');
  await untilSignal();
  await simulator.stop();
  await hub.stop();
  return EXIT_OK;
}
