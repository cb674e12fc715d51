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
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, undefined, {
    levels: config.logLevels,
    format: config.logFormat,
  });
  const hub = await Hub.start(config, log);
  // The simulated house logs in with a credential of the hub's own, so the demo works on a listener
  // that admits no anonymous clients (`--host 0.0.0.0`) too. hub.mqttUrl hides the password of
  // --mqtt-url; the simulated devices need it.
  const simUrl = new URL(config.mqttUrl ?? hub.mqttUrl);
  const credential = hub.embeddedBroker?.issueInternalCredential('hearth-demo');
  if (credential) {
    simUrl.username = encodeURIComponent(credential.username);
    simUrl.password = encodeURIComponent(credential.password);
  }
  const simulator = await startSimulator({
    mqttUrl: simUrl.href,
    house: 'demo',
    log: (line) => log.debug(`sim: ${line}`),
  });
  await announce(
    hub,
    `hearth demo is running: ${simulator.devices.size} simulated devices`,
    (line) => process.stdout.write(`${line}\n`),
    { loginLink: true },
  );
  process.stdout.write('Press Ctrl+C to stop.\n');
  await untilSignal();
  await simulator.stop();
  await hub.stop();
  return EXIT_OK;
}
