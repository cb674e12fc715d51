import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../firmware-bridge/serial/line-splitter.ts';
import { MAX_LINE_BYTES } from '../../../hub/protocol/serial-line.ts';

function split(...chunks: (string | Buffer)[]) {
  const lines: string[] = [];
  let tooLong = 0;
  const splitter = new LineSplitter(
    (line) => lines.push(line),
    () => tooLong++,
  );
  for (const chunk of chunks) splitter.push(Buffer.from(chunk));
  return { lines, tooLong };
}

describe('LineSplitter', () => {
  it('puts a line sent in pieces back together, and splits several lines in one chunk', () => {
    expect(split('{"t":"st",', '"e":"a"}\n{"t":"ack","s":1}\n{"t"').lines).toEqual([
      '{"t":"st","e":"a"}',
      '{"t":"ack","s":1}',
    ]);
  });

  it('skips blank lines', () => {
    expect(split('\n\n{"t":"pong","s":2}\n\n').lines).toEqual(['{"t":"pong","s":2}']);
  });

  it('drops an over-long line up to its newline, once, and reads the next one', () => {
    const long = 'x'.repeat(MAX_LINE_BYTES);
    expect(split(long, long, 'tail\n{"t":"pong","s":3}\n')).toEqual({
      lines: ['{"t":"pong","s":3}'],
      tooLong: 1,
    });
  });

  it('keeps a line of exactly the largest size', () => {
    expect(split(`${'y'.repeat(MAX_LINE_BYTES)}\n`).lines).toHaveLength(1);
  });
});
