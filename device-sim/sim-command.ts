import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type DeviceFault, parseDeviceFault } from './device-fault.ts';
import { SERIAL_SIM_USAGE, serialSimCommand } from './serial/serial-sim-command.ts';
import { startSimulator, UnknownDeviceError } from './simulator.ts';

export const SIM_USAGE = `Usage: hearth sim --mqtt-url URL [options]
       hearth sim --serial jsonl|firmata [--pty PATH] [--crc]

Simulated devices that speak MQTT as real firmware does, each in its own dialect: Zigbee2MQTT
(JSON state on hearth/<device>, commands on hearth/<device>/set), Tasmota (cmnd/<device>/POWER,
tele/<device>/STATE) or ESPHome (<device>/<component>/<name>/state). Retained Home Assistant
discovery, availability with a last will.

Options:
  --mqtt-url URL        the broker, mqtt://[user[:password]@]host[:port] (required)
  --house NAME          demo (default): fifteen devices of every kind; none: no house
  --devices N           N more Zigbee2MQTT devices of mixed kinds, load-light-0001, … (default 0,
                        at most 100000)
  --no-liveliness       sensors do not drift, motion and the door stay still
  --credentials FILE    a JSON object of device names and passwords (\`hearth device add NAME\`):
                        each listed device logs in as its own MQTT user, named after it
  --fault DEVICE=FAULT  misbehave, repeatable; FAULT is one of
                          drop       ignore commands and report nothing, yet stay online
                          delay:MS   act on each command MS milliseconds late
                          wrong      report something else than asked (brightness off by 40,
                                     a blind that does not move, a lock that jams)
                          offline    publish offline and ignore commands
                          flap:MS    go offline and online every MS milliseconds
  -h, --help            show this help
${SERIAL_SIM_USAGE}`;

/** Streams and a stop signal; the defaults are the process's own. */
export interface SimCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Aborting it stops the simulator as SIGINT would. Default: SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
}

const defaultIo: SimCommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const argsSchema = z.object({
  mqttUrl: z
    .string({ error: '--mqtt-url is required' })
    .regex(/^(mqtt|tcp):\/\/[^/]+\/?$/, { error: '--mqtt-url must look like mqtt://host:port' }),
  house: z.enum(['demo', 'none'], { error: '--house must be demo or none' }).default('demo'),
  devices: z.coerce
    .number({ error: '--devices must be a number' })
    .int({ error: '--devices must be a whole number' })
    .min(0, { error: '--devices must be 0 or more' })
    .max(100_000, { error: '--devices must be at most 100000' })
    .default(0),
  liveliness: z.boolean().default(true),
  faults: z.array(z.string()).default([]),
  credentials: z.string().optional(),
});

const credentialsFileSchema = z.record(
  z.string(),
  z.string({ error: 'each password in the --credentials file must be a string' }),
  { error: 'the --credentials file must be a JSON object of device names and passwords' },
);

/**
 * `hearth sim`: starts the simulator, prints one line when every device is online, logs the
 * commands it receives, and on SIGINT/SIGTERM publishes `offline` for each device and disconnects.
 * Returns the exit code: 0, 1 when the broker cannot be reached, 2 for a bad command line
 * (a `--fault` naming no device included).
 */
export async function simCommand(args: string[], io: SimCommandIo = defaultIo): Promise<number> {
  let values: ReturnType<typeof parseSimArgs>;
  try {
    values = parseSimArgs(args);
  } catch (error) {
    // parseArgs explains some mistakes over several lines; the contract is one line.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
    io.stderr(`hearth sim: ${message} (see --help)\n`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(SIM_USAGE);
    return 0;
  }
  if (values.serial !== undefined) {
    const mqttFlags = (['mqtt-url', 'house', 'devices', 'fault'] as const)
      .filter((name) => values[name] !== undefined)
      .map((name) => `--${name}`);
    const stop = waitForStop(io.signal);
    const flags = { serial: values.serial, pty: values.pty, crc: values.crc === true, mqttFlags };
    return serialSimCommand({ ...flags, liveliness: values['no-liveliness'] !== true }, io, stop.promise);
  }
  const parsed = argsSchema.safeParse({
    mqttUrl: values['mqtt-url'],
    house: values.house,
    devices: values.devices,
    liveliness: values['no-liveliness'] === true ? false : undefined,
    faults: values.fault,
    credentials: values.credentials,
  });
  if (!parsed.success) {
    io.stderr(`hearth sim: ${parsed.error.issues[0]?.message ?? 'invalid arguments'} (see --help)\n`);
    return 2;
  }
  const options = parsed.data;
  const faults = new Map<string, DeviceFault>();
  try {
    for (const text of options.faults) {
      const { device, fault } = parseDeviceFault(text);
      faults.set(device, fault);
    }
  } catch (error) {
    io.stderr(`hearth sim: ${error instanceof Error ? error.message : String(error)} (see --help)\n`);
    return 2;
  }

  let passwords: Map<string, string> | undefined;
  if (options.credentials !== undefined) {
    try {
      passwords = readCredentials(options.credentials);
    } catch (error) {
      io.stderr(`hearth sim: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }

  const stopRequested = waitForStop(io.signal);
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  try {
    simulator = await startSimulator({
      mqttUrl: options.mqttUrl,
      house: options.house,
      devices: options.devices,
      liveliness: options.liveliness,
      faults,
      ...(passwords && { passwords }),
      log: (line) => io.stdout(`${line}\n`),
    });
  } catch (error) {
    stopRequested.dispose();
    if (error instanceof UnknownDeviceError) {
      io.stderr(`hearth sim: --fault: ${error.message} (see --help)\n`);
      return 2;
    }
    io.stderr(`hearth sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.stdout(`hearth sim: ${simulator.devices.size} devices online at ${options.mqttUrl}\n`);
  await stopRequested.promise;
  io.stdout('hearth sim: stopping\n');
  await simulator.stop();
  return 0;
}

function parseSimArgs(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      'mqtt-url': { type: 'string' },
      house: { type: 'string' },
      devices: { type: 'string' },
      'no-liveliness': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      serial: { type: 'string' },
      pty: { type: 'string' },
      crc: { type: 'boolean' },
      credentials: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

/** Reads the `--credentials` file: device name → password. */
function readCredentials(file: string): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read --credentials ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = credentialsFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid --credentials file');
  return new Map(Object.entries(parsed.data));
}

/** Resolves on the signal's abort, or else on the first SIGINT or SIGTERM. */
function waitForStop(signal: AbortSignal | undefined): { promise: Promise<void>; dispose: () => void } {
  if (signal !== undefined) {
    const promise = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return { promise, dispose: () => {} };
  }
  let onSignal = (): void => {};
  const promise = new Promise<void>((resolve) => {
    onSignal = () => resolve();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  const dispose = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  void promise.then(dispose);
  return { promise, dispose };
}
