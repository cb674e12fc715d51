import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export interface MosquittoOptions {
  /** Keep retained messages across `kill()` and `start()`: saved after every change. */
  persistence?: boolean;
  /** username → password; then anonymous clients are refused on every listener. */
  users?: Record<string, string>;
  /** A second listener with TLS, from PEM files. */
  tls?: { caFile: string; certFile: string; keyFile: string; requireCertificate: boolean };
}

export interface TestMosquitto {
  /** `mqtt://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** The TLS listener's port, when `tls` was given. */
  readonly tlsPort: number | undefined;
  /** Everything it logged, across restarts. */
  log(): string;
  /** SIGKILL: no clean shutdown, no last save, the clients' connections reset. */
  kill(): Promise<void>;
  /** Starts it again, on the same ports, config and persistence. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
export function mosquittoBinary(): string {
  const candidates = [
    process.env.MOSQUITTO,
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'mosquitto')),
    '/usr/sbin/mosquitto',
    '/usr/local/sbin/mosquitto',
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not this one.
    }
  }
  throw new Error(
    'Mosquitto is not installed: `apt-get install mosquitto` (or set MOSQUITTO=/path/to/mosquitto). ' +
      'The MQTT tests run against it as well as against the embedded broker.',
  );
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A real Mosquitto on 127.0.0.1, on free ports, with a config generated in a temp folder. Always
 * `stop()` it.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<TestMosquitto> {
  const binary = mosquittoBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-mosquitto-'));
  let child: ChildProcess | undefined;
  let log = '';

  const configure = (port: number, tlsPort: number | undefined) => {
    const lines = [
      // Run as root (CI), Mosquitto would drop to the `mosquitto` user, which cannot read this folder.
      `user ${userInfo().username}`,
      `allow_anonymous ${options.users ? 'false' : 'true'}`,
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      `listener ${port} 127.0.0.1`,
    ];
    if (options.users) {
      const file = path.join(dir, 'passwords');
      writeFileSync(file, '');
      for (const [user, password] of Object.entries(options.users))
        execFileSync('mosquitto_passwd', ['-b', file, user, password]);
      lines.unshift(`password_file ${file}`);
    }
    if (options.persistence) {
      // autosave_on_changes: save after every `autosave_interval` changes, here each one, so a
      // SIGKILL loses nothing that was retained.
      lines.unshift(
        'persistence true',
        `persistence_location ${dir}/`,
        'autosave_on_changes true',
        'autosave_interval 1',
      );
    }
    if (options.tls && tlsPort !== undefined) {
      const { caFile, certFile, keyFile, requireCertificate } = options.tls;
      lines.push(
        `listener ${tlsPort} 127.0.0.1`,
        `cafile ${caFile}`,
        `certfile ${certFile}`,
        `keyfile ${keyFile}`,
        `require_certificate ${requireCertificate}`,
      );
    }
    writeFileSync(path.join(dir, 'mosquitto.conf'), `${lines.join('\n')}\n`);
  };

  const launch = async (): Promise<void> => {
    const process_ = spawn(binary, ['-c', path.join(dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    let output = '';
    const keep = (chunk: Buffer) => {
      log += chunk.toString();
    };
    process_.stdout?.on('data', keep);
    process_.stderr?.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/mosquitto version \S+ running/.test(output)) {
          done();
          resolve();
        }
      };
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`mosquitto exited (${code}) before it was running:\n${output}`));
      };
      const timer = setTimeout(() => {
        done();
        process_.kill('SIGKILL');
        reject(new Error(`mosquitto did not start within 10 s:\n${output}`));
      }, 10_000);
      const done = () => {
        clearTimeout(timer);
        process_.stdout?.off('data', onData);
        process_.stderr?.off('data', onData);
        process_.off('exit', onExit);
      };
      process_.stdout?.on('data', onData);
      process_.stderr?.on('data', onData);
      process_.once('exit', onExit);
    });
  };

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };

  // A free port may be taken by another test between the probe and the bind: try again then.
  let port = 0;
  let tlsPort: number | undefined;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    tlsPort = options.tls ? await freePort() : undefined;
    configure(port, tlsPort);
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('Address already in use')) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    tlsPort,
    log: () => log,
    kill: () => end('SIGKILL'),
    start: () => launch(),
    async stop() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
