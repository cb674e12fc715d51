import { checkValue, configKeys, setPath, valueFromText } from '../config/config-keys.ts';
import type { HubConfig, HubConfigInput } from '../config/hub-config.ts';
import { loadHubConfig } from '../config/hub-config.ts';
import { CliError } from './cli-error.ts';
import { parseFlags } from './parse-flags.ts';

/** `--data` is the short name `dataDir` had before every key became a flag. */
const ALIASES: Readonly<Record<string, string>> = { data: 'data-dir' };

/** Every config key as a flag (`httpPort` ↔ `--http-port`, `recorder.keepDays` ↔ `--recorder-keep-days`). */
function hubFlagOptions() {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short: 'h' }> = {
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const key of configKeys()) if (key.flag) options[key.flag] = { type: 'string' };
  for (const alias of Object.keys(ALIASES)) options[alias] = { type: 'string' };
  return options;
}

export const HUB_FLAGS_HELP = `  --data DIR        data folder (default ./hearth-data)
  --host HOST       interface for HTTP and the embedded broker (default 127.0.0.1)
  --http-port PORT  panel, WebSocket and REST API (default 8080; 0 = any free port)
  --mqtt-port PORT  embedded MQTT broker (default 1883; 0 = any free port)
  --mqtt-url URL    use an external broker instead: mqtt://user:pass@host:1883 or mqtts://…
  --config FILE     a config file, hearth.yaml or JSON (\`hearth config keys\` lists the keys)
  --KEY VALUE       any other key as a flag: --command-timeout-ms 8000, --recorder-keep-days 30
  -h, --help        this help`;

/** The flags shared by `start` and `demo`, merged with the config file and HEARTH_* variables. */
export function hubConfigFromArgs(
  args: string[],
  extra: Partial<HubConfigInput> = {},
): { config: HubConfig; help: boolean; positionals: string[] } {
  const { values, positionals } = parseFlags(args, hubFlagOptions());
  if (values.help) return { config: undefined as unknown as HubConfig, help: true, positionals };
  const given = values as Record<string, string | boolean | undefined>;
  for (const [alias, flag] of Object.entries(ALIASES)) given[flag] ??= given[alias];
  const flags: Record<string, unknown> = { ...extra };
  for (const key of configKeys()) {
    const text = key.flag === undefined ? undefined : given[key.flag];
    if (typeof text !== 'string') continue;
    const value = valueFromText(key, text);
    const problem = checkValue(key, value);
    if (problem) throw new CliError(`--${key.flag} ${problem}, got "${text}"`);
    setPath(flags, key.segments, value);
  }
  try {
    const config = loadHubConfig({ file: values.config as string | undefined, env: process.env, flags });
    return { config, help: false, positionals };
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}
