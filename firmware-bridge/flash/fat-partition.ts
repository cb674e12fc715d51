import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTool } from '../pack/run-tool.ts';

// Real cards' FAT geometry does not always add up the way mtools checks by default.
const MTOOLS_ENV = { MTOOLS_SKIP_CHECK: '1' };

/**
 * The FAT boot partition of an image or card, read and written in place with mtools
 * (`-i IMAGE@@OFFSET`): nothing is mounted, so no root rights or loop devices are needed.
 */
export class FatPartition {
  readonly #drive: string;
  readonly #tools: { mtype: string; mcopy: string };

  constructor(image: string, offsetBytes: number, tools: { mtype: string; mcopy: string }) {
    this.#drive = `${image}@@${offsetBytes}`;
    this.#tools = tools;
  }

  /** A file at the top of the partition, or undefined when there is none. */
  async read(name: string): Promise<string | undefined> {
    const result = await runTool(this.#tools.mtype, ['-i', this.#drive, `::/${name}`], { env: MTOOLS_ENV });
    if (result.code === 0) return result.stdout.toString('utf8');
    if (/not found/i.test(result.stderr)) return undefined;
    throw new Error(
      `cannot read the boot partition: ${result.stderr.trim() || `mtype exit status ${result.code}`}`,
    );
  }

  /** Writes (or replaces) files at the top of the partition, all in one mcopy. */
  async write(files: Readonly<Record<string, string>>): Promise<void> {
    const names = Object.keys(files);
    if (names.length === 0) return;
    const staging = await mkdtemp(path.join(tmpdir(), 'hearth-flash-boot-'));
    try {
      const sources: string[] = [];
      for (const name of names) {
        const source = path.join(staging, name);
        await writeFile(source, files[name] ?? '');
        sources.push(source);
      }
      // -D o: replace a file of the same name instead of asking on the terminal.
      const result = await runTool(this.#tools.mcopy, ['-D', 'o', '-i', this.#drive, ...sources, '::/'], {
        env: MTOOLS_ENV,
      });
      if (result.code !== 0)
        throw new Error(
          `cannot write the boot partition: ${result.stderr.trim() || `mcopy exit status ${result.code}`}`,
        );
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}
