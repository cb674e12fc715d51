import { spawn } from 'node:child_process';

export interface ToolResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** A host program that is not there, with the command that installs it. */
export class MissingToolError extends Error {}

export interface RunToolOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Fed to the program's stdin. */
  readonly input?: string | Buffer;
  /** Debian's package for the program, named in the error when it is missing. */
  readonly debianPackage?: string;
}

/**
 * Runs a host program (mtools, debugfs, npm, tar) to completion with its output captured. A missing
 * program is a MissingToolError that says how to install it; a non-zero exit is returned, not
 * thrown, since some tools (debugfs) report errors on stderr with status 0 and the caller decides.
 */
export function runTool(program: string, args: readonly string[], options: RunToolOptions = {}) {
  return new Promise<ToolResult>((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        const name = program.split('/').pop();
        const hint = options.debianPackage ? `: apt-get install ${options.debianPackage}` : '';
        reject(new MissingToolError(`${name} is not installed${hint}`));
      } else reject(error);
    });
    child.once('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(stdout), stderr }));
    child.stdin.on('error', () => {}); // a program that exits without reading its input
    child.stdin.end(options.input);
  });
}

/** Runs a program and insists on exit status 0; the error quotes the program's own last words. */
export async function runToolOk(program: string, args: readonly string[], options: RunToolOptions = {}) {
  const result = await runTool(program, args, options);
  if (result.code !== 0) {
    const said = result.stderr.trim().split('\n').slice(-3).join(' / ') || `exit status ${result.code}`;
    throw new Error(`${program.split('/').pop()} ${args[0] ?? ''} failed: ${said}`);
  }
  return result;
}
