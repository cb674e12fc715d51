import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A fresh folder for the file's tests, removed after them; `write` puts a file in it and gives its path. */
export function useTempFolder(prefix: string): {
  path: () => string;
  write: (name: string, text: string) => string;
} {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return {
    path: () => folder,
    write: (name, text) => {
      const file = path.join(folder, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
