import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestImage } from '../firmware-bridge/flash/raspios-test-image.ts';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeSelfSignedCert } from '../helpers/self-signed-cert.ts';
import { TEST_USER } from '../helpers/start-test-hub.ts';
import { readmeBlock, readmeCommands } from './readme-blocks.ts';
import { exec, REPO, type Runner, Session, type Substitution } from './readme-session.ts';

/**
 * Every command of the README's ```sh blocks, run as written by bash, so that the README cannot
 * drift from what hearth does. The lines run in a temp folder that is their $HOME and working
 * directory, against "the hub": a real hub on loopback whose data folder is `./hearth-data` there,
 * as after `npx hearth start`. Lines that start a hub of their own (`demo`, `start`) run in a fresh
 * folder each, until the hub prints its addresses. Every hub gets free ports from the environment
 * (HEARTH_HTTP_PORT=0, HEARTH_MQTT_PORT=0: the schema's overrides), so no line is rewritten for that.
 *
 * What a line names that is not on this machine is replaced by SUBSTITUTIONS, the same for every
 * line; what it would do outside this machine is done by the stand-ins of `stand-ins/shims.ts`;
 * the few lines a runner rewrites say why. A README command that no runner covers fails the first
 * test, naming its line: add a runner (one entry of RUNNERS) with the command.
 */

/** Applied in order to every command (and to bridge.json): the README's addresses → this machine's. */
const SUBSTITUTIONS: readonly Substitution[] = [
  // The hub's address on the LAN, as a Pi or a device reaches it, is this machine's loopback.
  [/192\.168\.1\.10/g, () => '127.0.0.1'],
  [/hub\.local:1883/g, (s) => `127.0.0.1:${s.port('mqtt')}`],
  [/127\.0\.0\.1:1883/g, (s) => `127.0.0.1:${s.port('mqtt')}`],
  [/127\.0\.0\.1:8080/g, (s) => `127.0.0.1:${s.port('http')}`],
  // mosquitto_pub's default port is 1883.
  [/^mosquitto_pub /, (s) => `mosquitto_pub -p ${s.port('mqtt')} `],
  // Serial ports: the simulated boards of `npx hearth sim --serial jsonl|firmata` (README lines).
  [/\/dev\/ttyACM0/g, async (s) => (await s.result(/^npx hearth sim --serial jsonl/)) as string],
  [/\/dev\/ttyUSB0/g, async (s) => (await s.result(/^npx hearth sim --serial firmata/)) as string],
  // A card reader's device: an image file standing for the card.
  [/\/dev\/sdb/g, (s) => path.join(s.home, 'sdb.img')],
  [/\/etc\/hearth\//g, (s) => path.join(s.home, 'etc/hearth/')],
  // The README restores a backup made on an earlier day: the one made just before.
  [/~\/hearth-2026-01-31\.db/g, () => '~/hearth-$(date +%F).db'],
];

const RUNNERS: readonly Runner[] = [
  {
    covers: /^npm install && npm run demo$/,
    async run(line, s) {
      const demo = await s.serve(line, /^\s*log in:\s+(http\S+)/, {
        cwd: s.folder('demo'),
        env: { HEARTH_DATA_DIR: s.folder('demo/hearth-data') },
      });
      const panel = /^\s*panel:\s+(\S+)/m.exec(demo.output())?.[1] ?? '';
      expect(demo.output()).toMatch(/hearth demo is running: 15 simulated devices/);
      expect((await fetch(panel)).status).toBe(200);
      await demo.stop();
    },
  },
  {
    // The suite is what runs this test; here `npm test` only has to start vitest with the project's
    // config, on a filter that matches no file.
    covers: /^npm test$/,
    run: (line, s) => s.shell(line, { rewrite: (c) => `${c} -- --passWithNoTests no-test-has-this-name` }),
  },
  {
    covers: /^npx hearth sim --mqtt-url /,
    // Kept running: the house that the curl line turns off, room by room.
    run: (line, s) => s.serve(line, /devices online/),
  },
  {
    covers: /^npx hearth backup --out /,
    async run(line, s) {
      await s.shell(line);
      expect(existsSync(path.join(s.home, `hearth-${new Date().toISOString().slice(0, 10)}.db`))).toBe(true);
    },
  },
  {
    // Restored on a machine whose hub is stopped (the running hub's folder refuses, rightly).
    covers: /^npx hearth restore /,
    async run(line, s) {
      await s.result(/^npx hearth backup /);
      const machine = s.folder('restored');
      await s.shell(line, { cwd: machine });
      const users = await runCli(['user', 'list', '--data', path.join(machine, 'hearth-data')]);
      expect(users.stdout).toContain(TEST_USER.name);
    },
  },
  {
    // The unit goes to $HOME/hearth.service: a test must not install a service on its machine.
    covers: /^sudo npx hearth service install /,
    async run(line, s) {
      await s.shell(line, {
        rewrite: (c) =>
          `${c.replace('service install', 'service install --dry-run')} > "$HOME/hearth.service"`,
      });
      expect(readFileSync(path.join(s.home, 'hearth.service'), 'utf8')).toMatch(/^User=hearth$/m);
    },
  },
  {
    covers: /^sudo systemctl daemon-reload && sudo systemctl enable --now hearth$/,
    async run(line, s) {
      await s.result(/^sudo npx hearth service install /);
      await s.shell(line);
    },
  },
  {
    covers: /^journalctl -u hearth -f$/,
    async run(line, s) {
      await s.result(/^sudo npx hearth service install /);
      await s.shell(line);
    },
  },
  {
    covers: /^HEARTH_TLS_CERT=\S+ HEARTH_TLS_KEY=\S+ npx hearth start /,
    async run(line, s) {
      const cert = makeSelfSignedCert();
      mkdirSync(path.join(s.home, 'etc/hearth'), { recursive: true });
      copyFileSync(cert.certFile, path.join(s.home, 'etc/hearth/cert.pem'));
      copyFileSync(cert.keyFile, path.join(s.home, 'etc/hearth/key.pem'));
      cert.remove();
      const hub = await s.serve(line, /^\s*(log in|set up):\s+https:\/\//, { cwd: s.folder('https-hub') });
      expect(hub.output()).toMatch(/^\s*panel:\s+https:\/\/localhost:\d+\//m);
      await hub.stop();
    },
  },
  {
    covers: /^npx hearth start --config hearth\.yaml$/,
    async run(line, s) {
      const machine = s.folder('lan-hub');
      writeFileSync(
        path.join(machine, 'hearth.yaml'),
        readmeBlock('yaml', 'zigbee2mqtt: ["readwrite homeassistant/#"]').text,
      );
      const hub = await s.serve(line, /^\s*set up:/, { cwd: machine });
      expect(hub.output()).toMatch(/^\s*panel:\s+http:\/\/localhost:\d+\//m);
      await hub.stop();
    },
  },
  {
    covers: /^npx hearth device add heater-plug\b/,
    async run(line, s) {
      const { stdout } = await s.shell(line);
      expect(stdout.trim()).toMatch(/^[\w-]{24}$/);
      return stdout.trim();
    },
  },
  {
    covers: /^PASSWORD=…/,
    async run(_line, s) {
      s.vars.PASSWORD = (await s.result(/^npx hearth device add heater-plug\b/)) as string;
    },
  },
  {
    covers: /^mosquitto_pub .* -u heater-plug .*homeassistant\/switch\/heater-plug\/config/,
    async run(line, s) {
      await s.result(/^PASSWORD=…/);
      await s.shell(line);
      await s.entity((e) => e.attributes.friendly_name === 'Heater plug Heater');
      expect(s.hub.process.output()).toMatch(/connected as user "heater-plug"/);
    },
  },
  {
    covers: /^mosquitto_pub .*desk/,
    async run(line, s) {
      await s.shell(line);
      if (line.command.includes('-m ON'))
        await s.entity((e) => e.entity_id === 'switch.desk_lamp' && e.state === 'on');
      else await s.entity((e) => e.entity_id === 'switch.desk_lamp');
    },
  },
  {
    covers: /^npx hearth bridge --port /,
    async run(line, s) {
      const bridge = await s.serve(line, /^hearth bridge: /);
      await s.entity((e) => e.entity_id.startsWith('switch.hearth_sim_jsonl_') && e.state !== 'unavailable');
      await bridge.stop();
    },
  },
  {
    covers: /^npx hearth bridge --config bridge\.json$/,
    async run(line, s) {
      await s.bridgeJson();
      const bridge = await s.serve(line, /^hearth bridge: /);
      await s.entity((e) => e.entity_id === 'switch.uno_pump' && e.state !== 'unavailable');
      await s.entity((e) => e.entity_id.startsWith('switch.workbench_') && e.state !== 'unavailable');
      await bridge.stop();
    },
  },
  {
    // Kept running: the boards the bridge lines are plugged into. Returns the pty.
    covers: /^npx hearth sim --serial (jsonl|firmata)\b/,
    async run(line, s) {
      const sim = await s.serve(line, /^hearth sim: \w+ MCU on (\S+)/);
      return sim.match[1];
    },
  },
  {
    // The downloaded image: a Raspberry Pi OS image as the flash tests make it, compressed with xz.
    covers: /^unxz \S+\.img\.xz$/,
    async run(line, s) {
      const compressed = path.join(s.home, line.command.split(' ')[1] as string);
      const image = makeTestImage('bookworm');
      await exec('sh', [
        '-c',
        `cp --sparse=always "${image.path}" "${compressed.slice(0, -3)}" && xz -0 -T2 "${compressed.slice(0, -3)}"`,
      ]);
      image.remove();
      await s.shell(line);
      expect(existsSync(compressed.slice(0, -3))).toBe(true);
    },
  },
  {
    covers: /^npx hearth flash --image \S+\.img /,
    async run(line, s) {
      await s.result(/^unxz /);
      const { stdout } = await s.shell(line);
      expect(stdout).toMatch(/hearth-bridge\.service enabled/);
      expect(stdout).toMatch(/host name garage-pi, Wi-Fi "Home" \(GB\)/);
    },
  },
  {
    covers: /^sudo npx hearth flash --image \/dev\/sdb --config bridge\.json$/,
    async run(line, s) {
      const card = makeTestImage('bookworm');
      await exec('cp', ['--sparse=always', card.path, path.join(s.home, 'sdb.img')]);
      card.remove();
      await s.bridgeJson();
      const { stdout } = await s.shell(line);
      expect(stdout).toMatch(/hearth-bridge\.service enabled/);
    },
  },
  {
    covers: /^npx hearth bridge pack /,
    run: (line, s) => s.shell(line),
  },
  {
    covers: /^scp hearth-bridge\.tar\.gz pi@/,
    async run(line, s) {
      await s.result(/^npx hearth bridge pack /);
      await s.shell(line);
    },
  },
  {
    covers: /^ssh pi@\S+ 'tar -xzf hearth-bridge\.tar\.gz && sudo \.\/hearth-bridge\/install\.sh'$/,
    async run(line, s) {
      await s.result(/^scp /);
      await s.shell(line);
      const root = path.join(s.home, 'pi-root');
      expect(existsSync(path.join(root, 'opt/hearth-bridge/bin/node'))).toBe(true);
      expect(readFileSync(path.join(root, 'etc/hearth-bridge/bridge.json'), 'utf8')).toContain(
        `127.0.0.1:${s.port('mqtt')}`,
      );
    },
  },
  {
    covers: /^TOKEN=\$\(npx hearth token create --name curl\)/,
    async run(line, s) {
      const { stdout } = await s.shell(line, { rewrite: (c) => `${c}\nprintf %s "$TOKEN"` });
      expect(stdout).toMatch(/^\S{32,}$/);
      s.vars.TOKEN = stdout;
    },
  },
  {
    covers: /^curl -H "Authorization: Bearer \$TOKEN" -d '\{"area_id":"living_room"\}' /,
    async run(line, s) {
      await s.result(/^TOKEN=/);
      await s.result(/^npx hearth sim --mqtt-url /);
      // Both lights on first, so that the line has something to turn off.
      const on = await fetch(`${s.hub.httpUrl}/api/services/light/turn_on`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${s.hub.token}` },
        body: JSON.stringify({ area_id: 'living_room' }),
      });
      expect(on.status).toBe(200);
      await s.entity((e) => e.entity_id === 'light.living_room_lamp' && e.state === 'on');
      const { stdout } = await s.shell(line);
      // Home Assistant's answer: the states that changed.
      expect(Array.isArray(JSON.parse(stdout))).toBe(true);
      for (const light of ['light.living_room_lamp', 'light.living_room_ceiling'])
        await s.entity((e) => e.entity_id === light && e.state === 'off');
    },
  },
  {
    // From the checkout, as the README says; see stand-ins/docker.ts for what stands in for Docker.
    covers: /^docker (build|run|logs) /,
    async run(line, s) {
      if (!line.command.startsWith('docker build')) await s.result(/^docker build /);
      if (line.command.startsWith('docker logs')) await s.result(/^docker run /);
      const { stdout } = await s.shell(line, { cwd: REPO });
      if (line.command.startsWith('docker logs')) expect(stdout).toMatch(/^\s*set up:/m);
    },
  },
];

const commands = readmeCommands();
/** Tools the README's lines use for real, and the Debian package of each. */
const TOOLS = [
  ['mosquitto_pub', 'mosquitto-clients'],
  ['curl', 'curl'],
  ['xz', 'xz-utils'],
  ['socat', 'socat'],
  ['systemd-analyze', 'systemd'],
] as const;

describe('every command of the README runs', () => {
  const session = new Session(commands, RUNNERS, SUBSTITUTIONS);

  beforeAll(async () => {
    for (const [tool, pkg] of TOOLS) {
      const found = await exec('sh', ['-c', `command -v ${tool}`]).then(
        () => true,
        () => false,
      );
      if (!found) throw new Error(`the README's commands need ${tool}: apt-get install ${pkg} (or .ci/run)`);
    }
    ensurePanelBuilt();
    await session.start();
  }, 60_000);
  afterAll(() => session.stop(), 30_000);

  it('has a runner for every command', () => {
    const uncovered = commands.filter((c) => session.runnerFor(c) === undefined);
    expect(uncovered.map((c) => `README.md:${c.line}: ${c.command}`)).toEqual([]);
  });

  it('finds this checkout with npx hearth', async () => {
    const { stdout } = await exec('npx', ['hearth', '--help'], { cwd: REPO });
    expect(stdout).toMatch(/^Usage: hearth /m);
  });

  it.each(commands.map((c) => [c.line, c.command, c] as const))(
    'README.md:%i: %s',
    async (_line, _command, command) => {
      await session.run(command);
    },
    60_000,
  );
});
