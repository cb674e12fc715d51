import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './start-mosquitto.ts';

/** Scratch space of the bench, gitignored (test/bench/.gitignore). */
const SCRATCH = fileURLToPath(new URL('./.scratch/node-red/', import.meta.url));

export interface RunningNodeRed {
  /** The bridge's WebSocket: commands in, device states out. */
  readonly wsUrl: string;
  readonly version: string;
  stop(): Promise<void>;
}

/**
 * Installs Node-RED with npm into test/bench/.scratch/node-red/ (once; not a dependency of hearth),
 * the newest major that runs on this Node: 5 needs Node ≥ 22.9, 4 runs on 18 and 20. Throws with
 * npm's own message when the install fails.
 */
export async function installNodeRed(): Promise<string> {
  const major = Number(process.versions.node.split('.')[0]) >= 22 ? 5 : 4;
  const installed = `${SCRATCH}node_modules/node-red/package.json`;
  const have = existsSync(installed)
    ? (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version
    : undefined;
  if (have?.startsWith(`${major}.`)) return have;
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(`${SCRATCH}package.json`, '{ "private": true }\n');
  try {
    await promisify(execFile)(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-save', '--omit=dev', `node-red@${major}`],
      { cwd: SCRATCH, timeout: 600_000 },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `npm install node-red@${major} failed: ${stderr?.trim().split('\n').slice(-3).join(' ') ?? String(error)}`,
    );
  }
  return (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version;
}

/**
 * The same bridge as hearth's round trip, built from Node-RED's own nodes: a WebSocket-in node
 * whose messages (`{topic, payload}`) an MQTT-out node publishes, and an MQTT-in node on each of
 * its lights' state topics feeding a WebSocket-out node on the same socket path, which sends the
 * whole message (topic and payload) so the client knows which device spoke. Only its own lights:
 * see `measureSideBySide`.
 */
function bridgeFlow(mqttUrl: string, lights: readonly string[]): unknown[] {
  const broker = new URL(mqttUrl);
  return [
    { id: 'tab', type: 'tab', label: 'hearth bench bridge' },
    {
      id: 'broker',
      type: 'mqtt-broker',
      name: 'bench broker',
      broker: broker.hostname,
      port: broker.port,
      clientid: 'hearth-bench-node-red',
      autoConnect: true,
      usetls: false,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: true,
    },
    { id: 'socket', type: 'websocket-listener', path: '/ws/bridge', wholemsg: 'true' },
    { id: 'ws-in', type: 'websocket in', z: 'tab', server: 'socket', client: '', wires: [['mqtt-out']] },
    { id: 'mqtt-out', type: 'mqtt out', z: 'tab', broker: 'broker', qos: '0', retain: 'false', wires: [] },
    ...lights.map((light) => ({
      id: `mqtt-in-${light}`,
      type: 'mqtt in',
      z: 'tab',
      broker: 'broker',
      topic: `hearth/${light}`,
      qos: '1',
      datatype: 'utf8',
      wires: [['ws-out']],
    })),
    { id: 'ws-out', type: 'websocket out', z: 'tab', server: 'socket', client: '', wires: [] },
  ];
}

/** Starts the installed Node-RED with the bridge flow against `mqttUrl`; resolves once its MQTT node is connected. */
export async function startNodeRed(
  mqttUrl: string,
  version: string,
  lights: readonly string[],
): Promise<RunningNodeRed> {
  const userDir = `${SCRATCH}user/`;
  mkdirSync(userDir, { recursive: true });
  writeFileSync(`${userDir}flows.json`, JSON.stringify(bridgeFlow(mqttUrl, lights), null, 2));
  writeFileSync(
    `${userDir}settings.js`,
    `module.exports = {
  uiHost: '127.0.0.1',
  flowFile: 'flows.json',
  credentialSecret: false,
  httpAdminRoot: false,
  diagnostics: { enabled: false },
  telemetry: { enabled: false },
  logging: { console: { level: 'info', metrics: false, audit: false } },
};
`,
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      `${SCRATCH}node_modules/node-red/red.js`,
      '--userDir',
      userDir,
      '--settings',
      `${userDir}settings.js`,
      '--port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Node-RED did not connect to ${mqttUrl}:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Connected to broker/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Node-RED exited (${code}):\n${output}`));
    });
  });
  return {
    wsUrl: `ws://127.0.0.1:${port}/ws/bridge`,
    version,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
