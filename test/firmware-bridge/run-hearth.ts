import { runCli } from '../helpers/run-cli.ts';

/**
 * `hearth <args>` to completion, for the commands that write a Raspberry Pi image or tarball: they
 * copy a 120 MB Node runtime, so the safety net is wider than run-cli's. The runtime's download is
 * done ahead, in the tests' beforeAll.
 */
export function runHearth(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(args, env, { timeoutMs: 180_000 });
}
