import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * Reads a certificate and its private key (PEM) named by the config key `where` (`tls`), and
 * checks that they go together, so a wrong file stops the start with a message that names the key,
 * rather than failing every handshake later.
 */
export function readTlsFiles(files: { cert: string; key: string }, where: string): TlsFiles {
  const read = (name: 'cert' | 'key'): Buffer => {
    try {
      return readFileSync(files[name]);
    } catch (error) {
      throw new Error(
        `cannot read ${where}.${name} ${files[name]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  };
  const pair = { cert: read('cert'), key: read('key') };
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new Error(
      `${where}.cert and ${where}.key are not a certificate and its key: ${(error as Error).message}`,
    );
  }
  return pair;
}
