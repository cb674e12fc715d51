import { unlinkSync, writeFileSync } from 'node:fs';
import type { BridgeConfigInput } from '../../firmware-bridge/bridge-config.ts';
import { FirmataMcu } from './firmata-mcu.ts';
import { JsonLinesMcu } from './jsonl-mcu.ts';
import { openPty, type PtyEnd } from './pty.ts';

export type SerialProtocol = 'jsonl' | 'firmata';

export interface SerialSimOptions {
  readonly protocol: SerialProtocol;
  /** Where the pty's link goes. */
  readonly path: string;
  /** JSON lines only: a CRC on every line. */
  readonly crc: boolean;
  /** Sensors drift and the door opens now and then. */
  readonly liveliness: boolean;
  readonly log: (line: string) => void;
}

export interface RunningSerialSim {
  readonly path: string;
  /** The socat behind the pty: ending it pulls the cable. */
  cablePid(): number | undefined;
  /** For `--protocol firmata`: the bridge config with the sim board's pin map. */
  readonly configPath?: string;
  stop(): Promise<void>;
}

/**
 * The bridge's config for the simulated Uno: a relay on pin 7, the LED on 13, a dimmable strip on
 * PWM pin 9, a TMP36 temperature sensor on A0 (10 mV/°C, 500 mV at 0 °C, on a 5 V reference) and a
 * door contact to ground on pin 2 with the pull-up on.
 */
export function simFirmataConfig(path: string): Pick<BridgeConfigInput, 'ports'> {
  return {
    ports: [
      {
        path,
        protocol: 'firmata',
        id: 'uno',
        name: 'Uno',
        pins: [
          { mode: 'output', pin: 7, id: 'relay', name: 'Relay' },
          { mode: 'output', pin: 13, component: 'light', id: 'led', name: 'LED' },
          { mode: 'pwm', pin: 9, id: 'strip', name: 'LED strip' },
          {
            mode: 'analog',
            pin: 'A0',
            id: 'temperature',
            name: 'Temperature',
            unit: '°C',
            deviceClass: 'temperature',
            scale: { from: [0, 1023], to: [-50, 450] },
          },
          {
            mode: 'input',
            pin: 2,
            id: 'door',
            name: 'Door',
            deviceClass: 'door',
            pullup: true,
            invert: true,
          },
        ],
      },
    ],
  };
}

const LIVELINESS_MS = 5000;

/**
 * One emulated microcontroller on a pty, for `hearth sim --serial`. Ending its socat is pulling
 * the cable: the sim then opens a new pty at the same path, the cable plugged back in.
 */
export async function startSerialSim(options: SerialSimOptions): Promise<RunningSerialSim> {
  const { protocol, path, log } = options;
  const mcu = protocol === 'jsonl' ? new JsonLinesMcu({ crc: options.crc, log }) : new FirmataMcu({ log });
  let stopping = false;
  let pty: PtyEnd = await openPty(path);
  const plug = (end: PtyEnd): void => {
    mcu.attach(end);
    void end.closed.then(async () => {
      mcu.detach();
      if (stopping) return;
      pty = await openPty(path);
      plug(pty);
      log(`hearth sim: the cable was pulled and is back at ${path} (pull it again: kill ${pty.process.pid})`);
    });
  };
  plug(pty);

  let configPath: string | undefined;
  if (protocol === 'firmata') {
    configPath = `${path}.json`;
    writeFileSync(configPath, `${JSON.stringify(simFirmataConfig(path), null, 2)}\n`);
  }

  let tick = 0;
  const liveliness = options.liveliness
    ? setInterval(() => {
        tick++;
        if (mcu instanceof JsonLinesMcu) {
          mcu.set('temperature', Math.round((21 + Math.sin(tick / 6) * 1.5) * 10) / 10);
          if (tick % 6 === 0) mcu.set('door', mcu.value('door')?.v !== true);
        } else {
          mcu.setAnalog(0, 146 + Math.round(Math.sin(tick / 6) * 3));
          if (tick % 6 === 0) mcu.setDigital(2, mcu.pin(2)?.value === 1 ? 0 : 1);
        }
      }, LIVELINESS_MS)
    : undefined;
  if (mcu instanceof FirmataMcu) mcu.setAnalog(0, 146); // 21.4 °C

  return {
    path,
    cablePid: () => pty.process.pid,
    ...(configPath !== undefined ? { configPath } : {}),
    async stop() {
      stopping = true;
      clearInterval(liveliness);
      mcu.detach();
      await pty.close();
      if (configPath !== undefined) unlinkSync(configPath);
    },
  };
}
