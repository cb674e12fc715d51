import type { HubConfig, HubConfigInput } from '../config/hub-config.ts';
import { loadHubConfig } from '../config/hub-config.ts';
import { CliError } from './cli-error.ts';
import { parseFlags, portFlag } from './parse-flags.ts';

export const HUB_FLAG_OPTIONS = {
  data: { type: 'string' },
  host: { type: 'string' },
  'http-port': { type: 'string' },
  'mqtt-port': { type: 'string' },
  'mqtt-url': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HUB_FLAGS_HELP = `  --data DIR        data folder (default ./hearth-data)
  --host HOST       interface for HTTP and the embedded broker (default 127.0.0.1)
  --http-port PORT  panel, WebSocket and REST API (default 8080; 0 = any free port)
  --mqtt-port PORT  embedded MQTT broker (default 1883; 0 = any free port)
  --mqtt-url URL    use an external broker instead: mqtt://user:pass@host:1883 or mqtts://…
  --config FILE     a JSON config file (keys as in README's Configuration)
  -h, --help        this help`;

/** The flags shared by `start` and `demo`, merged with the config file and HEARTH_* variables. */
export function hubConfigFromArgs(
  args: string[],
  extra: Partial<HubConfigInput> = {},
): { config: HubConfig; help: boolean; positionals: string[] } {
  const { values, positionals } = parseFlags(args, HUB_FLAG_OPTIONS);
  if (values.help) return { config: undefined as unknown as HubConfig, help: true, positionals };
  try {
    const config = loadHubConfig({
      file: values.config,
      env: process.env,
      flags: {
        ...extra,
        dataDir: values.data,
        host: values.host,
        httpPort: portFlag('http-port', values['http-port']),
        mqttPort: portFlag('mqtt-port', values['mqtt-port']),
        mqttUrl: values['mqtt-url'],
      },
    });
    return { config, help: false, positionals };
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}
