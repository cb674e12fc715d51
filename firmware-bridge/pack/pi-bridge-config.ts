import { readFileSync } from 'node:fs';
import { CliError } from '../../hub/cli/cli-error.ts';
import { type BridgeConfigInput, bridgeConfigSchema } from '../bridge-config.ts';

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
  let input: Record<string, unknown> = {};
  if (flags.config !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.config, 'utf8');
    } catch (error) {
      throw new CliError(`--config: cannot read ${flags.config}: ${(error as Error).message}`);
    }
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new CliError(`--config: ${flags.config} is not JSON: ${(error as Error).message}`);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new CliError(`--config: ${flags.config} must hold a JSON object`);
  }
  if (flags.mqttUrl !== undefined) input.mqttUrl = flags.mqttUrl;
  if (input.mqttUrl === undefined)
    throw new CliError('the bridge needs its broker: give --mqtt-url URL, or "mqttUrl" in --config');
  if (input.ports === undefined) {
    input.ports = [DEFAULT_PORT];
    notes.push(
      `serial port: ${DEFAULT_PORT.path} (${DEFAULT_PORT.protocol}); put "ports" in --config for others`,
    );
  }
  const parsed = bridgeConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const source = flags.config === undefined ? '--mqtt-url' : `--config ${flags.config}`;
    throw new CliError(`${source}: ${where}${issue?.message ?? 'invalid'}`);
  }
  if (/^[a-z]+:\/\/([^@/]*@)?(localhost|127\.[0-9.]+|\[::1\])(:|\/|$)/i.test(parsed.data.mqttUrl))
    notes.push(
      'the broker address is loopback: on the Pi that is the Pi itself, not the machine running the hub',
    );
  const config = input as BridgeConfigInput;
  return { text: `${JSON.stringify(config, null, 2)}\n`, config, notes };
}
