import { type ChildProcess, spawn } from 'node:child_process';
import { lstatSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** The far end of a pseudo-terminal: what a microcontroller would be on a USB cable. */
export interface PtyEnd {
  /** The path to give the bridge: a symlink to the pty's /dev/pts/N, removed when it closes. */
  readonly path: string;
  /** Bytes the bridge wrote to the port. */
  readonly input: Readable;
  write(data: Uint8Array | string): void;
  /** Resolves when socat has exited, whoever ended it. */
  readonly closed: Promise<void>;
  /** Ends socat: to the bridge, the cable was pulled. */
  close(): Promise<void>;
  readonly process: ChildProcess;
}

const SOCAT_MISSING = 'socat is needed for a serial pty: apt-get install socat';

/**
 * A pty pair through socat (`pty,raw,echo=0,link=PATH` to its stdio): Node cannot open a pty
 * pair without a native module, and socat is what people use to fake a serial port. Raw, no
 * echo: bytes pass untouched, as on a real UART. Resolves once the link exists.
 */
export function openPty(path: string): Promise<PtyEnd> {
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${path}`, 'STDIO'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const closed = new Promise<void>((resolve) => socat.once('close', () => resolve()));
  let stderr = '';
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      socat.kill();
      reject(error);
    };
    socat.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error(SOCAT_MISSING) : error),
    );
    socat.once('exit', (code) =>
      fail(new Error(`socat exited (${code}) before the pty was up: ${stderr.trim()}`)),
    );
    socat.stdin.on('error', () => {}); // writes after socat died: the cable is out, bytes are lost.
    socat.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // socat says "PTY is /dev/pts/N" once the pty exists, and "starting data transfer loop" after the link.
      if (!/starting data transfer loop/.test(stderr) || !isLink(path)) return;
      socat.removeAllListeners('exit');
      socat.stderr.removeAllListeners('data');
      socat.stderr.resume();
      resolve({
        path,
        input: socat.stdout,
        write: (data) => {
          if (socat.exitCode === null && socat.signalCode === null) socat.stdin.write(data);
        },
        closed,
        close: async () => {
          if (socat.exitCode === null && socat.signalCode === null) socat.kill();
          await closed;
        },
        process: socat,
      });
    });
  });
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
