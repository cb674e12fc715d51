import { GOODBYE_GRACE_MS } from '../hub/protocol/mqtt-goodbye.ts';
import { DeviceConnection } from './device-connection.ts';
import { type DeviceFault, describeFault } from './device-fault.ts';
import { createDemoHouse } from './houses/demo-house.ts';
import { createLoadDevices } from './houses/load-devices.ts';
import { LivelinessTicker } from './liveliness-ticker.ts';
import { parseMqttUrl } from './mqtt-connect.ts';
import { type SimClock, systemSimClock } from './sim-clock.ts';
import type { SimRandom } from './sim-random.ts';
import type { SimulatedDevice } from './simulated-device.ts';

export interface SimulatorOptions {
  /** `mqtt://[user[:password]@]host[:port]`, port 1883 by default. */
  mqttUrl: string;
  /** Default `demo`: fifteen devices of every kind, in three dialects. */
  house?: 'demo' | 'none';
  /** Extra load devices of mixed kinds (`load-light-0001`, …); default 0. */
  devices?: number;
  /** Default true: sensors drift, motion fires, the door opens. False: nothing moves by itself. */
  liveliness?: boolean;
  /** Default: the globals, read at call time (so `vi.useFakeTimers()` applies). */
  clock?: SimClock;
  /** Default `Math.random`. */
  random?: SimRandom;
  /** One line per command received and per problem; default: silent. */
  log?: (line: string) => void;
  /** Connections opened at once while starting and stopping; default 200. */
  connectConcurrency?: number;
  /** Faults to inject once every device is announced, by device name; an unknown name is an error. */
  faults?: ReadonlyMap<string, DeviceFault>;
  /**
   * Passwords by device name: such a device logs in as its own user, named after it (`hearth
   * device add <name>`), instead of with the URL's user, as a real device with its own credential.
   */
  passwords?: ReadonlyMap<string, string>;
}

export interface Simulator {
  readonly devices: ReadonlyMap<string, SimulatedDevice>;
  /** Publishes `offline` for every device, then disconnects cleanly. Idempotent. */
  stop(): Promise<void>;
  /** For tests: ends connections without a clean disconnect, so the broker fires the LWTs. */
  kill(): Promise<void>;
}

/** A fault names a device the simulator does not have. */
export class UnknownDeviceError extends Error {
  constructor(device: string, known: readonly string[]) {
    const shown = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
    super(`no device "${device}" (devices: ${shown || 'none'})`);
    this.name = 'UnknownDeviceError';
  }
}

const DEFAULT_CONCURRENCY = 200;
/** Load devices act ten times less often than the demo house's, so that thousands stay calm. */
const LOAD_PACE = 10;

/**
 * Starts a house of simulated devices, each on its own MQTT connection. Resolves when every device
 * is connected and has published its discovery, availability and initial state; if one fails, the
 * others are stopped and the first error is thrown.
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const endpoint = parseMqttUrl(options.mqttUrl);
  const count = options.devices ?? 0;
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`devices must be a whole number ≥ 0, got ${count}`);
  const clock = options.clock ?? systemSimClock;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const concurrency = options.connectConcurrency ?? DEFAULT_CONCURRENCY;

  const devices = [
    ...((options.house ?? 'demo') === 'demo' ? createDemoHouse({ clock, random, pace: 1, log }) : []),
    ...createLoadDevices(count, { clock, random, pace: LOAD_PACE, log }),
  ];
  const byName = new Map(devices.map((device) => [device.name, device]));
  for (const name of options.faults?.keys() ?? []) {
    if (!byName.has(name)) throw new UnknownDeviceError(name, [...byName.keys()]);
  }
  const connections = devices.map((device) => {
    const password = options.passwords?.get(device.name);
    const own = password === undefined ? endpoint : { ...endpoint, username: device.name, password };
    return new DeviceConnection(device, own, log);
  });

  // Every device subscribes before any announces: see DeviceConnection.connect.
  const connected: DeviceConnection[] = [];
  try {
    await forEachLimited(connections, concurrency, async (connection) => {
      await connection.connect();
      connected.push(connection);
    });
    await forEachLimited(connections, concurrency, (connection) => connection.announce());
  } catch (error) {
    await forEachLimited(connected, concurrency, (connection) => connection.close().catch(() => {}));
    throw error;
  }

  for (const [name, fault] of options.faults ?? []) {
    byName.get(name)?.setFault(fault);
    log(`${name}: fault ${describeFault(fault)}`);
  }

  const ticker = new LivelinessTicker(devices, clock, log);
  if (options.liveliness ?? true) ticker.start();

  let ending: Promise<void> | undefined;
  const end = (how: 'close' | 'kill'): Promise<void> => {
    ticker.stop();
    ending ??= forEachLimited(connections, concurrency, (connection) =>
      connection[how]().catch((error: unknown) =>
        log(`${connection.device.name}: ${how} failed: ${String(error)}`),
      ),
    ).then(() => {
      const dropped = connections.filter((connection) => connection.dropped).length;
      if (dropped > 0)
        log(
          `${dropped} of ${connections.length} devices could not say offline (no broker, or no answer in ${GOODBYE_GRACE_MS} ms): dropped their connections`,
        );
    });
    return ending;
  };
  return {
    devices: byName,
    stop: () => end('close'),
    kill: () => end('kill'),
  };
}

/**
 * Runs `work` over `items`, at most `limit` at a time; stops starting new work after the first
 * failure, waits for what is running, and rejects with that failure.
 */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      const item = items[index];
      if (item === undefined) continue;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}
