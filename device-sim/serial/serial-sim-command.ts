import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSerialSim } from './serial-sim.ts';

export const SERIAL_SIM_USAGE = `
Serial (instead of MQTT devices):
  --serial PROTOCOL     emulate a microcontroller on a pty (socat) and print its path for
                        \`hearth bridge\`: jsonl (hearth's JSON lines: a relay, a dimmable lamp, a
                        temperature sensor, a door) or firmata (an Uno with StandardFirmata; a
                        bridge config with its pin map is written beside the pty)
  --pty PATH            where the pty appears (default: hearth-sim-PROTOCOL in the temp folder)
  --crc                 jsonl: a CRC-16 on every line
`;

export interface SerialSimFlags {
  readonly serial: string;
  readonly pty: string | undefined;
  readonly crc: boolean;
  readonly liveliness: boolean;
  /** MQTT-side flags given too: they do not mix with --serial. */
  readonly mqttFlags: readonly string[];
}

interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** `hearth sim --serial jsonl|firmata`: runs until `stop` resolves; 2 for a bad command line. */
export async function serialSimCommand(flags: SerialSimFlags, io: Io, stop: Promise<void>): Promise<number> {
  const protocol = flags.serial;
  if (protocol !== 'jsonl' && protocol !== 'firmata') {
    io.stderr(`hearth sim: --serial must be jsonl or firmata, got "${protocol}" (see --help)\n`);
    return 2;
  }
  if (flags.mqttFlags.length > 0) {
    io.stderr(`hearth sim: --serial does not go with ${flags.mqttFlags.join(', ')} (see --help)\n`);
    return 2;
  }
  if (flags.crc && protocol !== 'jsonl') {
    io.stderr('hearth sim: --crc is for --serial jsonl (see --help)\n');
    return 2;
  }
  const path = flags.pty ?? join(tmpdir(), `hearth-sim-${protocol}`);
  let sim: Awaited<ReturnType<typeof startSerialSim>>;
  try {
    sim = await startSerialSim({
      protocol,
      path,
      crc: flags.crc,
      liveliness: flags.liveliness,
      log: (line) => io.stdout(`${line}\n`),
    });
  } catch (error) {
    io.stderr(`hearth sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const bridgeArgs = sim.configPath !== undefined ? `--config ${sim.configPath}` : `--port ${sim.path}`;
  io.stdout(
    `hearth sim: ${protocol} MCU on ${sim.path}\n` +
      `  run: npx hearth bridge ${bridgeArgs} --mqtt-url mqtt://127.0.0.1:1883\n` +
      `  pull the cable: kill ${sim.cablePid()}\n`,
  );
  await stop;
  io.stdout('hearth sim: stopping\n');
  await sim.stop();
  return 0;
}
