import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FirmataMcu } from '../../../device-sim/serial/firmata-mcu.ts';
import type { PinConfig } from '../../../firmware-bridge/bridge-config.ts';
import { pinSchema } from '../../../firmware-bridge/bridge-config.ts';
import { FirmataDriver } from '../../../firmware-bridge/firmata/firmata-driver.ts';
import type { McuEntity, McuEvents, McuInfo, McuState } from '../../../firmware-bridge/mcu/mcu-driver.ts';
import type { ByteStream } from '../../../firmware-bridge/serial/byte-stream.ts';
import { systemClock } from '../../../hub/core/clock.ts';
import { createLogger } from '../../../hub/core/logger.ts';

class RecordedEvents implements McuEvents {
  info: McuInfo | undefined;
  readonly entities: string[] = [];
  readonly states = new Map<string, McuState>();
  readonly problems: string[] = [];
  good = 0;
  online(info: McuInfo) {
    this.info = info;
  }
  offline() {
    this.info = undefined;
  }
  entity(entity: McuEntity) {
    this.entities.push(`${entity.component}.${entity.key}`);
  }
  state(key: string, state: McuState) {
    this.states.set(key, state);
  }
  frame(problem?: string) {
    if (problem === undefined) this.good++;
    else this.problems.push(problem);
  }
}

/** The driver and the emulated Uno, wired back to back in memory. */
function wired(pins: unknown[]) {
  const port = new EventEmitter() as EventEmitter & ByteStream;
  const toMcu = new PassThrough();
  port.write = (data: Buffer | string) => toMcu.write(data);
  const mcu = new FirmataMcu();
  mcu.attach({ input: toMcu, write: (data) => setImmediate(() => port.emit('data', Buffer.from(data))) });
  const events = new RecordedEvents();
  const errors: string[] = [];
  const logger = { ...createLogger('silent'), error: (line: string) => errors.push(line) };
  const driver = new FirmataDriver(
    {
      path: 'uno',
      pins: pins.map((pin) => pinSchema.parse(pin)) as PinConfig[],
      ackTimeoutMs: 1000,
      samplingIntervalMs: 20,
      analogReportMs: 0,
      logger,
      clock: systemClock,
    },
    events,
  );
  driver.attach(port);
  const stop = (): void => {
    driver.stop();
    mcu.detach();
  };
  return { driver, mcu, events, errors, stop };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('FirmataDriver against an emulated StandardFirmata', () => {
  let stop = () => {};
  afterEach(() => stop());

  it('completes the handshake, maps the pins, and confirms writes by querying the pin', async () => {
    const board = wired([
      { mode: 'output', pin: 7, id: 'relay' },
      { mode: 'pwm', pin: 9, id: 'strip' },
      { mode: 'analog', pin: 'A0', id: 'level', scale: { to: [0, 100] } },
    ]);
    stop = board.stop;
    board.mcu.setAnalog(0, 512);
    await until(() => board.events.states.has('level') && board.events.states.has('relay'));
    expect(board.events.info).toEqual({ name: 'StandardFirmata', model: 'Firmata', sw: '2.5' });
    expect(board.events.entities).toEqual(['switch.relay', 'light.strip', 'sensor.level']);
    expect(board.events.states.get('level')).toEqual({ v: 50 });

    await expect(board.driver.command('relay', { on: true })).resolves.toBe(true);
    expect(board.mcu.pin(7)).toEqual({ mode: 1, value: 1 });
    expect(board.events.states.get('relay')).toEqual({ v: true });
    await expect(board.driver.command('strip', { on: true, brightness: 40 })).resolves.toBe(true);
    expect(board.mcu.pin(9)?.value).toBe(40);
    expect(board.events.states.get('strip')).toEqual({ v: true, bri: 40 });
  });

  it('leaves out a pin the board cannot drive that way, saying why', async () => {
    const board = wired([
      { mode: 'pwm', pin: 8, id: 'not_pwm' },
      { mode: 'output', pin: 4, id: 'ok' },
    ]);
    stop = board.stop;
    await until(() => board.events.entities.length > 0);
    expect(board.events.entities).toEqual(['switch.ok']);
    expect(board.errors).toEqual([
      'uno: pin 8 cannot be used as pwm on this board; entity "not_pwm" left out',
    ]);
  });

  it('counts garbage as bad frames and survives what firmata-io cannot parse', async () => {
    const board = wired([{ mode: 'output', pin: 7, id: 'relay' }]);
    stop = board.stop;
    await until(() => board.events.states.has('relay'));
    board.mcu.writeRaw(Uint8Array.from([0x01, 0x02, 0x03])); // stray data bytes
    board.mcu.writeRaw(Uint8Array.from([0xe0, 0x01])); // an analog message cut short…
    board.mcu.writeRaw(Uint8Array.from([0xf7])); // …by a sysex end with no start
    board.mcu.writeRaw(Uint8Array.from([0xf0, 0x6e, 0x78, 0x01, 0x00, 0xf7])); // pin state of pin 120
    await until(() => board.events.problems.length >= 4);
    expect(board.events.problems).toEqual([
      'a data byte outside any message',
      'a message cut short',
      'a sysex end without a start',
      expect.stringMatching(/^firmata-io could not read a message/),
    ]);
    await expect(board.driver.command('relay', { on: true })).resolves.toBe(true);
  });
});
