import { execFile } from 'node:child_process';
import { HEARTH_BIN } from '../helpers/run-cli.ts';

/**
 * `hearth <args>` to completion, for the commands that write a Raspberry Pi image or tarball: they
 * copy a 120 MB Node runtime, so the safety timeout is longer than run-cli's. The runtime's
 * download is done ahead, in the tests' beforeAll.
 */
export function runHearth(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [HEARTH_BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
