import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';
import { type ReadmeCommand, readmeBlock } from './readme-blocks.ts';
import { writeShims } from './stand-ins/shims.ts';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A README address and what stands for it on this machine. */
export type Substitution = readonly [RegExp, (s: Session) => string | Promise<string>];

/** How one or more README commands are run. */
export interface Runner {
  /** The README commands it runs. */
  readonly covers: RegExp;
  /** Runs the line (through `s.shell` or `s.serve`) and checks what it did; may return a value for others. */
  run(line: ReadmeCommand, s: Session): Promise<unknown>;
}

type State = { entity_id: string; state: string; attributes: Record<string, unknown> };

export interface Served {
  readonly match: RegExpMatchArray;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** One terminal session on one machine: its folders, the hub, shell variables, what is running. */
export class Session {
  readonly home = path.join(tmpdir(), `hearth-readme-${process.pid}`);
  readonly vars: Record<string, string> = {};
  hub!: TestHub;
  private readonly results = new Map<number, Promise<unknown>>();
  private readonly running = new Set<ChildProcess>();
  private bridgeConfig: Promise<void> | undefined;

  constructor(
    readonly commands: readonly ReadmeCommand[],
    private readonly runners: readonly Runner[],
    private readonly substitutions: readonly Substitution[],
  ) {}

  /** The runner of a README command, if one covers it. */
  runnerFor(line: ReadmeCommand): Runner | undefined {
    return this.runners.find((r) => r.covers.test(line.command));
  }

  async start(): Promise<void> {
    rmSync(this.home, { recursive: true, force: true });
    mkdirSync(path.join(this.home, 'tmp'), { recursive: true });
    writeShims(path.join(this.home, 'bin'), REPO);
    this.hub = await startTestHub({ env: { HEARTH_LOG_LEVEL: 'info' } });
    symlinkSync(this.hub.dataDir, path.join(this.home, 'hearth-data'));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running].map((child) => stopGroup(child)));
    const container = path.join(this.home, 'docker/containers/hearth.pid');
    if (existsSync(container)) killGroup({ pid: Number(readFileSync(container, 'utf8')) });
    await this.hub?.stop();
    rmSync(this.home, { recursive: true, force: true });
  }

  port(which: 'http' | 'mqtt'): string {
    return new URL(which === 'http' ? this.hub.httpUrl : this.hub.mqttUrl).port;
  }

  folder(name: string): string {
    const folder = path.join(this.home, name);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  /** Runs the README command through its runner, once; resolves with what the runner returned. */
  run(line: ReadmeCommand): Promise<unknown> {
    let result = this.results.get(line.line);
    if (result === undefined) {
      const runner = this.runnerFor(line);
      if (runner === undefined) throw new Error(`README.md:${line.line}: no runner for ${line.command}`);
      result = runner.run(line, this);
      this.results.set(line.line, result);
    }
    return result;
  }

  /** The result of the one README command matching `pattern`, run first if it has not been. */
  result(pattern: RegExp): Promise<unknown> {
    const found = this.commands.filter((c) => pattern.test(c.command));
    if (found.length !== 1) throw new Error(`${found.length} README commands match ${pattern}`);
    return this.run(found[0] as ReadmeCommand);
  }

  /** The README's bridge.json, with the substitutions, in $HOME. */
  bridgeJson(): Promise<void> {
    this.bridgeConfig ??= this.substitute(readmeBlock('json', '"ports"').text).then((text) =>
      writeFileSync(path.join(this.home, 'bridge.json'), text),
    );
    return this.bridgeConfig;
  }

  /** Runs the line with bash to completion; rejects, naming the line, unless it exits 0. */
  async shell(
    line: ReadmeCommand,
    options: { cwd?: string; rewrite?: (command: string) => string } = {},
  ): Promise<{ stdout: string; stderr: string }> {
    const command = (options.rewrite ?? ((c) => c))(await this.substitute(line.command));
    try {
      return await exec('bash', ['-c', command], { cwd: options.cwd ?? this.home, env: this.env() });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `README.md:${line.line}: \`${line.command}\` failed as \`${command}\`:\n${stdout}${stderr}`,
      );
    }
  }

  /** Starts the line with bash and resolves once its output matches `ready`; it runs until `stop()`. */
  async serve(
    line: ReadmeCommand,
    ready: RegExp,
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<Served> {
    const command = await this.substitute(line.command);
    const child = spawn('bash', ['-c', command], {
      cwd: options.cwd ?? this.home,
      env: { ...this.env(), ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.add(child);
    let output = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = (chunk: Buffer) => {
        output += chunk.toString();
        for (const text of output.split('\n')) {
          const found = ready.exec(text);
          if (found) return resolve(found);
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('exit', (code) =>
        reject(
          new Error(`README.md:${line.line}: \`${command}\` exited (${code}) before ${ready}:\n${output}`),
        ),
      );
    });
    return {
      match,
      output: () => output,
      stop: async () => {
        killGroup(child);
        await exited;
        this.running.delete(child);
      },
    };
  }

  /** Waits until the hub has an entity that passes the test. */
  async entity(test: (state: State) => boolean): Promise<void> {
    await expect
      .poll(
        async () => {
          const response = await fetch(`${this.hub.httpUrl}/api/states`, {
            headers: { Authorization: `Bearer ${this.hub.token}` },
          });
          return ((await response.json()) as State[]).some(test);
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBe(true);
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...this.vars,
      HOME: this.home,
      PATH: `${path.join(this.home, 'bin')}:${process.env.PATH}`,
      TMPDIR: path.join(this.home, 'tmp'),
      HEARTH_HTTP_PORT: '0',
      HEARTH_MQTT_PORT: '0',
      HEARTH_LOG_FORMAT: 'pretty',
    };
  }

  private async substitute(command: string): Promise<string> {
    let text = command;
    for (const [pattern, value] of this.substitutions) {
      pattern.lastIndex = 0;
      if (pattern.test(text)) {
        const replacement = await value(this);
        text = text.replace(pattern, () => replacement);
      }
    }
    return text;
  }
}

export function exec(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * SIGTERM to a line's process group, and SIGKILL if it is still there 5 s later: a command the
 * README starts must never outlive the test, whatever it does on SIGTERM.
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), 5000);
  });
  if ((await Promise.race([exited, late])) === 'late') killGroup(child, 'SIGKILL');
  clearTimeout(timer);
}

/** SIGTERM to the process group the line started (bash, and what it ran). */
function killGroup(child: { pid?: number }, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Gone already.
  }
}
