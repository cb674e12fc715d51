import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../hub/core/logger.ts';

function capture(
  level: Parameters<typeof createLogger>[0],
  options: Parameters<typeof createLogger>[2] = {},
) {
  const lines: string[] = [];
  return { lines, log: createLogger(level, (line) => lines.push(line), options) };
}

describe('the hub logger', () => {
  it('writes one JSON object per line for a log shipper, naming the module', () => {
    const { lines, log } = capture('info', { format: 'json' });
    log.child('discovery').warn('discovery: bad config on "homeassistant/light/x/config"');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'warn',
      module: 'discovery',
      msg: 'discovery: bad config on "homeassistant/light/x/config"',
    });
    expect(Date.parse((JSON.parse(lines[0] as string) as { time: string }).time)).not.toBeNaN();
  });

  it('writes human-readable lines to a captured sink (as on a terminal)', () => {
    const { lines, log } = capture('debug');
    log.child('mqtt').info('mqtt: connected');
    expect(lines).toEqual([expect.stringMatching(/^\[.+\] INFO: \[mqtt\] mqtt: connected$/)]);
  });

  it('gives each module its configured level, the others the hub level', () => {
    const { lines, log } = capture('warn', { format: 'json', levels: { discovery: 'debug', api: 'silent' } });
    log.child('discovery').debug('shown');
    log.child('recorder').info('hidden: under warn');
    log.child('recorder').warn('shown too');
    log.child('api').error('hidden: silent');
    log.child('core').child('discovery').debug('a module of a module is that module');
    log.info('hidden: root at warn');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'shown',
      'shown too',
      'a module of a module is that module',
    ]);
  });
});
