import { describe, expect, it } from 'vitest';
import { describeFault, parseDeviceFault, parseFault } from '../../device-sim/device-fault.ts';

describe('parseFault', () => {
  it.each([
    ['drop', { kind: 'drop' }],
    ['wrong', { kind: 'wrong' }],
    ['offline', { kind: 'offline' }],
    ['none', { kind: 'none' }],
    ['delay:2000', { kind: 'delay', ms: 2000 }],
    ['flap:500', { kind: 'flap', ms: 500 }],
    [' delay:1 ', { kind: 'delay', ms: 1 }],
  ])('reads %j', (text, fault) => {
    expect(parseFault(text)).toEqual(fault);
    expect(describeFault(parseFault(text))).toBe(text.trim());
  });

  it.each([
    ['', /expected drop, delay:MS/],
    ['explode', /expected drop, delay:MS/],
    ['delay', /delay needs milliseconds, as delay:2000/],
    ['flap:', /flap needs milliseconds/],
    ['delay:fast', /needs milliseconds/],
    ['delay:-5', /needs milliseconds/],
    ['delay:0', /1\.\.3600000/],
    ['flap:9999999', /1\.\.3600000/],
    ['drop:100', /drop takes no milliseconds/],
    ['delay:1:2', /one ":" at most/],
  ])('refuses %j', (text, message) => {
    expect(() => parseFault(text)).toThrow(message);
  });
});

describe('parseDeviceFault', () => {
  it('reads device=fault', () => {
    expect(parseDeviceFault('kitchen-plug=delay:300')).toEqual({
      device: 'kitchen-plug',
      fault: { kind: 'delay', ms: 300 },
    });
  });

  it.each(['kitchen-plug', '=drop', 'kitchen-plug=', 'kitchen-plug=boom'])('refuses %j', (text) => {
    expect(() => parseDeviceFault(text)).toThrow();
  });
});
