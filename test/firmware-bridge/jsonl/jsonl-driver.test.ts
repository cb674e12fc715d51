import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { JsonLinesDriver } from '../../../firmware-bridge/jsonl/jsonl-driver.ts';
import type { McuEntity, McuEvents, McuInfo, McuState } from '../../../firmware-bridge/mcu/mcu-driver.ts';
import type { ByteStream } from '../../../firmware-bridge/serial/byte-stream.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { encodeLine } from '../../../hub/protocol/serial-line.ts';
import { FakeClock } from '../../hub/core/fake-clock.ts';

/** A serial port in memory: what the bridge wrote, and a way to make the MCU say something. */
class FakePort extends EventEmitter {
  readonly written: string[] = [];
  write(data: Buffer | string): void {
    this.written.push(...String(data).split('\n').filter(Boolean));
  }
  mcuSays(frame: object | string): void {
    this.emit('data', Buffer.from(typeof frame === 'string' ? frame : encodeLine(frame, false)));
  }
  frames(): Record<string, unknown>[] {
    return this.written.map((line) => JSON.parse(line.replace(/\*[0-9A-F]{4}$/, '')));
  }
}

class RecordedEvents implements McuEvents {
  readonly log: string[] = [];
  readonly problems: string[] = [];
  good = 0;
  online(info: McuInfo) {
    this.log.push(`online ${info.name}`);
  }
  offline(reason: string) {
    this.log.push(`offline: ${reason}`);
  }
  entity(entity: McuEntity) {
    this.log.push(`entity ${entity.key}`);
  }
  state(key: string, state: McuState) {
    this.log.push(`state ${key}=${JSON.stringify(state.v)}`);
  }
  frame(problem?: string) {
    if (problem === undefined) this.good++;
    else this.problems.push(problem);
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function connected(options: { retries?: number } = {}) {
  const clock = new FakeClock();
  const events = new RecordedEvents();
  const port = new FakePort();
  const driver = new JsonLinesDriver(
    {
      path: 'test',
      ackTimeoutMs: 300,
      retries: options.retries ?? 2,
      pingIntervalMs: 500,
      logger: silentLogger,
      clock,
    },
    events,
  );
  driver.attach(port as unknown as ByteStream);
  port.mcuSays({ t: 'hello', name: 'Node' });
  port.mcuSays({ t: 'ent', e: 'relay', c: 'switch' });
  port.mcuSays({ t: 'st', e: 'relay', v: false });
  return { clock, events, port, driver };
}

describe('JsonLinesDriver', () => {
  it('asks for a hello on open, then passes on who the MCU is, its entities and states', () => {
    const { port, events } = connected();
    expect(port.frames()[0]).toEqual({ t: 'hello', proto: 1 });
    expect(events.log).toEqual(['online Node', 'entity relay', 'state relay=false']);
    expect(events.good).toBe(3);
  });

  it('sends a command with a sequence number and resolves true on its ack', async () => {
    const { port, driver } = connected();
    const done = driver.command('relay', { on: true });
    const sent = port.frames().at(-1);
    expect(sent).toMatchObject({ t: 'cmd', e: 'relay', v: true, s: expect.any(Number) });
    port.mcuSays({ t: 'ack', s: sent?.s as number });
    await expect(done).resolves.toBe(true);
  });

  it('sends an unacknowledged command again, then gives up with false and reports no state', async () => {
    const { port, driver, clock, events } = connected({ retries: 2 });
    const done = driver.command('relay', { on: true });
    for (let i = 0; i < 3; i++) {
      clock.advance(300);
      await flush();
    }
    await expect(done).resolves.toBe(false);
    const commands = port.frames().filter((f) => f.t === 'cmd');
    expect(commands).toHaveLength(3);
    expect(new Set(commands.map((c) => c.s)).size).toBe(1);
    expect(events.log.filter((line) => line.startsWith('state'))).toEqual(['state relay=false']);
  });

  it('fails a command at once when the MCU answers with an error line', async () => {
    const { port, driver } = connected();
    const done = driver.command('relay', { on: true });
    port.mcuSays({ t: 'err', s: port.frames().at(-1)?.s as number, code: 'unknown_entity' });
    await expect(done).resolves.toBe(false);
  });

  it('counts lines it cannot read, and what is wrong with each', () => {
    const { port, events } = connected();
    port.mcuSays('noise\n{"t":"st","e":"Relay!","v":1}\n{"t":"ack","s":1}*0000\n');
    expect(events.problems).toEqual([
      'not a JSON object',
      'frame.e: entity key must be 1–32 of a-z, 0-9, _, got "Relay!"',
      'bad CRC 0000, expected 02B1',
    ]);
  });

  it('pings a quiet MCU, and marks it offline after three pings unanswered', async () => {
    const { port, clock, events } = connected();
    clock.advance(500);
    expect(port.frames().at(-1)).toMatchObject({ t: 'ping' });
    port.mcuSays({ t: 'pong', s: port.frames().at(-1)?.s as number });
    clock.advance(500 * 4);
    expect(events.log.at(-1)).toBe('offline: no answer to 3 pings');
    // Then it asks for a hello until the MCU is back.
    clock.advance(500);
    expect(port.frames().at(-1)).toEqual({ t: 'hello', proto: 1 });
  });

  it('fails pending commands and says offline when the port closes', async () => {
    const { driver, events } = connected();
    const done = driver.command('relay', { on: true });
    driver.detach('unplugged');
    await expect(done).resolves.toBe(false);
    expect(events.log.at(-1)).toBe('offline: unplugged');
    await expect(driver.command('relay', { on: true })).resolves.toBe(false);
  });
});
