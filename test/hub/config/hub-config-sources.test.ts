import { describe, expect, it } from 'vitest';
import { hubConfigFromArgs } from '../../../hub/cli/hub-flags.ts';
import { CONFIG_DOCS } from '../../../hub/config/config-docs.ts';
import { configKeys, UNDOCUMENTED } from '../../../hub/config/config-keys.ts';
import { loadHubConfig } from '../../../hub/config/hub-config.ts';
import { useTempFolder } from '../../helpers/temp-folder.ts';

describe('the hub configuration from its sources', () => {
  const { path: folder, write } = useTempFolder('hearth-config-');

  it('reads the same configuration from hearth.yaml and from JSON', () => {
    const yaml = write(
      'hearth.yaml',
      '# the hub\nhttpPort: 9000\nallowedOrigins:\n  - https://home.example\nrecorder:\n  keepDays: 30\nmqtt:\n  allowAnonymous: false\n',
    );
    const json = write(
      'hearth.json',
      JSON.stringify({
        httpPort: 9000,
        allowedOrigins: ['https://home.example'],
        recorder: { keepDays: 30 },
        mqtt: { allowAnonymous: false },
      }),
    );
    const fromYaml = loadHubConfig({ file: yaml });
    expect(fromYaml).toEqual(loadHubConfig({ file: json }));
    expect(fromYaml.httpPort).toBe(9000);
    expect(fromYaml.recorder).toEqual({ keepDays: 30, statisticsKeepDays: 365 });
    expect(fromYaml.mqtt.allowAnonymous).toBe(false);
  });

  it('keeps YAML words such as on and yes as text, so they are refused where a boolean goes', () => {
    const file = write('hearth.yaml', 'loginBanLoopback: yes\n');
    expect(() => loadHubConfig({ file })).toThrow(
      'hearth.yaml:1: loginBanLoopback: Invalid input: expected boolean, received string, got "yes"',
    );
  });

  it('refuses a file that is not YAML, not strict JSON, or not a mapping, naming it', () => {
    expect(() => loadHubConfig({ file: write('bad.yaml', 'httpPort: [\n') })).toThrow(
      /bad\.yaml is not valid YAML: .*line/,
    );
    expect(() => loadHubConfig({ file: write('bad.json', '{httpPort: 1}') })).toThrow(
      /bad\.json is not valid JSON/,
    );
    expect(() => loadHubConfig({ file: write('list.yaml', '- 1\n') })).toThrow(
      'list.yaml must hold keys and values (a mapping), not a list',
    );
    expect(() => loadHubConfig({ file: write('dup.yaml', 'host: a\nhost: b\n') })).toThrow(
      /dup\.yaml is not valid YAML/,
    );
  });

  it('names the unknown key, its line, and the key it probably meant, at any depth', () => {
    expect(() => loadHubConfig({ file: write('a.yaml', 'host: 127.0.0.1\nhttpPrt: 1\n') })).toThrow(
      'a.yaml:2: unknown key `httpPrt`; did you mean `httpPort`?',
    );
    expect(() => loadHubConfig({ file: write('b.yaml', 'recorder:\n  keep_days: 3\n') })).toThrow(
      'b.yaml:2: recorder: unknown key `keep_days`; did you mean `keepDays`?',
    );
    expect(() => loadHubConfig({ file: write('c.yaml', 'frobnicate: 1\n') })).toThrow(
      /\/c\.yaml:1: unknown key `frobnicate`$/,
    );
  });

  it('lets HEARTH_* variables, derived from the key path, override the file', () => {
    const file = write(
      'hearth.yaml',
      'httpPort: 9000\ncommandTimeoutMs: 800\nmqttClient:\n  reconnectMinMs: 100\n',
    );
    const config = loadHubConfig({
      file,
      env: {
        HEARTH_HTTP_PORT: '9100',
        HEARTH_RECORDER_KEEP_DAYS: '30',
        HEARTH_MQTT_CLIENT_REJECT_UNAUTHORIZED: 'false',
        HEARTH_ALLOWED_ORIGINS: 'https://a.example,https://b.example',
        HEARTH_MQTT_ACL_ADMINS: 'hub',
      },
    });
    expect(config.httpPort).toBe(9100);
    expect(config.commandTimeoutMs).toBe(800);
    expect(config.recorder.keepDays).toBe(30);
    expect(config.mqttClient).toMatchObject({ rejectUnauthorized: false, reconnectMinMs: 100 });
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.mqtt.acl.admins).toEqual(['hub']);
  });

  it('names the variable of a bad value from the environment', () => {
    expect(() => loadHubConfig({ env: { HEARTH_RECORDER_KEEP_DAYS: 'ten' } })).toThrow(
      'HEARTH_RECORDER_KEEP_DAYS: Invalid input: expected number, received string, got "ten"',
    );
    expect(() => loadHubConfig({ env: { HEARTH_LOG_LEVEL: 'loud' } })).toThrow(
      /^HEARTH_LOG_LEVEL: .*got "loud"$/,
    );
  });

  it('takes every key as a flag, flags winning over the environment and the file', () => {
    const file = write('hearth.yaml', 'httpPort: 9000\ncommandTimeoutMs: 800\n');
    const previous = process.env.HEARTH_COMMAND_TIMEOUT_MS;
    process.env.HEARTH_COMMAND_TIMEOUT_MS = '900';
    try {
      const { config } = hubConfigFromArgs([
        '--config',
        file,
        '--data',
        folder(),
        '--http-port',
        '0',
        '--recorder-keep-days',
        '7',
        '--mqtt-client-reject-unauthorized',
        'false',
        '--mqtt-host',
        '127.0.0.2',
      ]);
      expect(config).toMatchObject({
        dataDir: folder(),
        httpPort: 0,
        commandTimeoutMs: 900,
        recorder: { keepDays: 7 },
      });
      expect(config.mqttClient.rejectUnauthorized).toBe(false);
      expect(config.mqtt.host).toBe('127.0.0.2');
      expect(hubConfigFromArgs(['--command-timeout-ms', '1000']).config.commandTimeoutMs).toBe(1000);
      expect(hubConfigFromArgs(['--data-dir', folder()]).config.dataDir).toBe(folder());
    } finally {
      if (previous === undefined) delete process.env.HEARTH_COMMAND_TIMEOUT_MS;
      else process.env.HEARTH_COMMAND_TIMEOUT_MS = previous;
    }
  });

  it('keeps a password off the command line', () => {
    expect(() => hubConfigFromArgs(['--mqtt-client-password', 'secret'])).toThrow(/Unknown option/);
  });

  it('documents every key of the schema, and nothing else', () => {
    const keys = configKeys();
    expect(keys.filter((key) => key.doc === UNDOCUMENTED).map((key) => key.path)).toEqual([]);
    expect(Object.keys(CONFIG_DOCS).sort()).toEqual(keys.map((key) => key.path).sort());
  });

  it('gives every key its own flag and variable', () => {
    const keys = configKeys();
    expect(new Set(keys.map((key) => key.env)).size).toBe(keys.length);
    const flags = keys.flatMap((key) => (key.flag ? [key.flag] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(keys.find((key) => key.path === 'mqttClient.reconnectMinMs')).toMatchObject({
      env: 'HEARTH_MQTT_CLIENT_RECONNECT_MIN_MS',
      flag: 'mqtt-client-reconnect-min-ms',
    });
  });
});
