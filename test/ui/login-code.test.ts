import { describe, expect, it, vi } from 'vitest';
import { parseLoginInput, takeLoginCode } from '../../ui/src/auth/login-code.ts';

describe('takeLoginCode', () => {
  it.each([
    ['#code=ABCD-EFGH', '', 'ABCD-EFGH', '/'],
    ['#code=ABCD-EFGH&x=1', '?a=b', 'ABCD-EFGH', '/?a=b'],
    ['#x=1&code=abcd-efgh', '', 'abcd-efgh', '/'],
    ['#code=', '', null, '/'],
  ])('reads %s and leaves %s in the address', (hash, search, code, left) => {
    const history = { replaceState: vi.fn() };
    expect(takeLoginCode({ hash, search, pathname: '/' }, history)).toBe(code);
    expect(history.replaceState).toHaveBeenCalledWith(null, '', left);
  });

  it('leaves an address without a code alone', () => {
    const history = { replaceState: vi.fn() };
    expect(takeLoginCode({ hash: '#settings', search: '', pathname: '/' }, history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});

describe('parseLoginInput', () => {
  it.each([
    ['http://127.0.0.1:8080/#code=ABCD-EFGH', { kind: 'code', code: 'ABCD-EFGH' }],
    ['ABCD-EFGH', { kind: 'code', code: 'ABCD-EFGH' }],
    [' abcd-efgh ', { kind: 'code', code: 'ABCD-EFGH' }],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      { kind: 'token', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig' },
    ],
    [
      'hth_3f9a0c1b2d4e5f60718293a4b5c6d7e8',
      { kind: 'token', token: 'hth_3f9a0c1b2d4e5f60718293a4b5c6d7e8' },
    ],
    ['   ', null],
  ])('%s', (input, expected) => {
    expect(parseLoginInput(input)).toEqual(expected);
  });
});
