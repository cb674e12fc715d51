/**
 * `docker` for the README's commands where Docker cannot build: the daemon runs here, but the base
 * image (node:22-bookworm-slim) would come from Docker Hub, out of this machine's reach. So:
 * - `build -f FILE -t TAG CONTEXT` reads the Dockerfile, checks that what it COPYs is in the context,
 *   and keeps what `run` needs: EXPOSE, VOLUME, ENV, WORKDIR's stand-in (the checkout), CMD, HEALTHCHECK;
 * - `run -d --name NAME -p HOST:PORT… -v VOLUME:PATH IMAGE` checks each published port is EXPOSEd and
 *   each mount a VOLUME, then runs the image's CMD with its ENV from the checkout (the image's /app),
 *   the volume a folder, on free ports (HEARTH_HTTP_PORT/HEARTH_MQTT_PORT=0 from the test: 8080 may
 *   be taken here), and waits until the image's HEALTHCHECK command, pointed at that port, passes;
 * - `logs NAME` prints what that process printed.
 * State lives in $HOME/docker; the test stops the "container" by the pid written there.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Image {
  readonly expose: number[];
  readonly volumes: string[];
  readonly env: Record<string, string>;
  readonly cmd: string[];
  readonly healthcheck: string[];
}

const state = path.join(process.env.HOME ?? '.', 'docker');
const checkout = process.cwd();
const fail = (message: string): never => {
  process.stderr.write(`docker (stand-in): ${message}\n`);
  process.exit(1);
};

function build(args: string[]): void {
  const file = flagValue(args, '-f') ?? 'Dockerfile';
  const tag = flagValue(args, '-t') ?? fail('build needs -t TAG');
  const context = args.at(-1) ?? fail('build needs a context');
  const text = readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
  const lines = text.split('\n').map((line) => line.trim());
  const instructions = (name: string) =>
    lines.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1).trim());
  for (const copy of instructions('COPY').filter((c) => !c.startsWith('--from'))) {
    const sources = copy.split(/\s+/).slice(0, -1);
    for (const source of sources)
      if (!existsSync(path.join(context, source))) fail(`COPY ${source}: not in the context ${context}`);
  }
  const env: Record<string, string> = {};
  for (const line of instructions('ENV'))
    for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) env[key as string] = value as string;
  const image: Image = {
    expose: instructions('EXPOSE').flatMap((e) => e.split(/\s+/).map(Number)),
    volumes: instructions('VOLUME').flatMap((v) => v.split(/\s+/)),
    env,
    cmd: JSON.parse(instructions('CMD').at(-1) ?? fail('no CMD')) as string[],
    healthcheck: JSON.parse(
      /CMD (\[.*\])/.exec(instructions('HEALTHCHECK').at(-1) ?? fail('no HEALTHCHECK'))?.[1] ?? '[]',
    ) as string[],
  };
  mkdirSync(path.join(state, 'images'), { recursive: true });
  writeFileSync(path.join(state, 'images', `${tag}.json`), JSON.stringify(image));
  process.stdout.write(`Successfully tagged ${tag}:latest (stand-in)\n`);
}

async function run(args: string[]): Promise<void> {
  const name = flagValue(args, '--name') ?? fail('run needs --name');
  const tag = args.at(-1) ?? fail('run needs an image');
  const imageFile = path.join(state, 'images', `${tag}.json`);
  if (!existsSync(imageFile)) fail(`no image ${tag}: docker build first`);
  const image = JSON.parse(readFileSync(imageFile, 'utf8')) as Image;
  for (const published of flagValues(args, '-p')) {
    const port = Number(published.split(':').at(-1));
    if (!image.expose.includes(port)) fail(`-p ${published}: the image EXPOSEs ${image.expose.join(', ')}`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...image.env, HEARTH_LOG_FORMAT: 'auto' };
  for (const mount of flagValues(args, '-v')) {
    const [volume, target] = mount.split(':') as [string, string];
    if (!image.volumes.includes(target))
      fail(`-v ${mount}: the image's VOLUMEs are ${image.volumes.join(', ')}`);
    const folder = path.join(state, 'volumes', volume);
    mkdirSync(folder, { recursive: true });
    // The hub finds its data folder through the image's ENV, which names the volume's path.
    for (const [key, value] of Object.entries(image.env)) if (value === target) env[key] = folder;
  }
  mkdirSync(path.join(state, 'containers'), { recursive: true });
  const log = path.join(state, 'containers', `${name}.log`);
  const [command, ...rest] = image.cmd as [string, ...string[]];
  const container = spawn(command === 'node' ? process.execPath : command, rest, {
    cwd: checkout,
    env,
    detached: true,
    stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')],
  });
  writeFileSync(path.join(state, 'containers', `${name}.pid`), String(container.pid));
  container.unref();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = /panel:\s+\S+:(\d+)\//.exec(readFileSync(log, 'utf8'))?.[1];
    if (port) {
      const [check, ...checkArgs] = image.healthcheck.map((arg) => arg.replace(':8080/', `:${port}/`));
      execFileSync(check === 'node' ? process.execPath : (check as string), checkArgs, { stdio: 'inherit' });
      process.stdout.write(`${container.pid}\n`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail(`the container printed no panel address:\n${readFileSync(log, 'utf8')}`);
}

function flagValue(args: string[], flag: string): string | undefined {
  return flagValues(args, flag)[0];
}

function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag && args[index + 1] ? [args[index + 1] as string] : []));
}

const [verb, ...args] = process.argv.slice(2);
if (verb === 'build') build(args);
else if (verb === 'run') await run(args);
else if (verb === 'logs')
  process.stdout.write(readFileSync(path.join(state, 'containers', `${args[0]}.log`), 'utf8'));
else fail(`${verb}: not stood in for`);
