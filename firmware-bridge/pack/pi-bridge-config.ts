import { CliError } from '../../hub/cli/cli-error.ts';
import { HubError } from '../../hub/core/hub-error.ts';
import { parseInput } from '../../hub/core/parse-input.ts';
import {
  type BridgeConfig,
  type BridgeConfigInput,
  bridgeConfigSchema,
  readConfigFile,
} from '../bridge-config.ts';

/** An Arduino Uno (or any board with a USB CDC chip) plugged into the Pi, speaking JSON lines. */
export const DEFAULT_PORT = { path: '/dev/ttyACM0', protocol: 'jsonl' } as const;

export interface PiBridgeConfig {
  /** The file as it goes onto the Pi: what the user wrote, with --mqtt-url and the default port. */
  readonly text: string;
  readonly config: BridgeConfigInput;
  /** Things worth telling the user, e.g. that the default port was used. */
  readonly notes: readonly string[];
}

/**
 * The bridge config for the Pi, from `--config FILE` and `--mqtt-url URL` (which wins), checked
 * against the bridge's own schema here, so that a mistake is found before the card is in the Pi.
 * Undefined when neither is given.
 */
export function piBridgeConfig(flags: { config?: string; mqttUrl?: string }): PiBridgeConfig | undefined {
  if (flags.config === undefined && flags.mqttUrl === undefined) return undefined;
  const notes: string[] = [];
  const input = flags.config === undefined ? {} : readConfigFile(flags.config);
  if (flags.mqttUrl !== undefined) input.mqttUrl = flags.mqttUrl;
  if (input.mqttUrl === undefined)
    throw new CliError('the bridge needs its broker: give --mqtt-url URL, or "mqttUrl" in --config');
  if (input.ports === undefined) {
    input.ports = [DEFAULT_PORT];
    notes.push(
      `serial port: ${DEFAULT_PORT.path} (${DEFAULT_PORT.protocol}); put "ports" in --config for others`,
    );
  }
  let parsed: BridgeConfig;
  try {
    parsed = parseInput(bridgeConfigSchema, input, 'config');
  } catch (error) {
    if (error instanceof HubError) throw new CliError(error.message);
    throw error;
  }
  if (/^[a-z]+:\/\/([^@/]*@)?(localhost|127\.[0-9.]+|\[::1\])(:|\/|$)/i.test(parsed.mqttUrl))
    notes.push(
      'the broker address is loopback: on the Pi that is the Pi itself, not the machine running the hub',
    );
  const config = input as BridgeConfigInput;
  return { text: `${JSON.stringify(config, null, 2)}\n`, config, notes };
}
