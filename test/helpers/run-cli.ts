import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HEARTH_BIN = fileURLToPath(new URL('../../hub/cli/hearth.js', import.meta.url));

/**
 * Runs `hearth <args>` to completion, with `input` on its standard input (none by default); killed
 * after `timeoutMs`, a safety net for a hung command.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  { input = '', timeoutMs = 30_000 }: { input?: string; timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [HEARTH_BIN, ...args],
      { env: { ...process.env, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  readonly output: () => string;
  /** Resolves with the first line matching, or rejects when the process exits first or time runs out. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after a grace period; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `hearth <args>` in the background; `nodeArgs` go to node itself (e.g. `--cpu-prof`). */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): RunningProcess {
  const child = spawn(process.execPath, [...nodeArgs, HEARTH_BIN, ...args], {
    // Tests read the hub's log as a person would; the JSON lines have a test of their own.
    env: { ...process.env, HEARTH_LOG_FORMAT: 'pretty', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    output: () => output,
    waitForLine(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of output.split('\n')) {
            const match = line.match(pattern);
            if (match) {
              done();
              resolve(match);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`process exited (${code}) before printing ${pattern}; output:\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
