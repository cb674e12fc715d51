import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** A fenced block of the README: its language, its text, and the line its text starts on (1-based). */
export interface ReadmeBlock {
  readonly lang: string;
  readonly text: string;
  readonly line: number;
}

/** A command of a ```sh block: continuation lines (`\` at the end) joined, with the line it starts on. */
export interface ReadmeCommand {
  readonly command: string;
  readonly line: number;
}

export function readmeBlocks(text = readFileSync(README, 'utf8')): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  let open: { lang: string; line: number; lines: string[] } | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (open === undefined && fence) open = { lang: fence[1] ?? '', line: index + 2, lines: [] };
    else if (open !== undefined && line.startsWith('```')) {
      blocks.push({ lang: open.lang, text: open.lines.join('\n'), line: open.line });
      open = undefined;
    } else open?.lines.push(line);
  }
  return blocks;
}

/** Every command of every ```sh block; lines that are only a comment are not commands. */
export function readmeCommands(text?: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  for (const block of readmeBlocks(text).filter((b) => b.lang === 'sh')) {
    let pending: ReadmeCommand | undefined;
    for (const [offset, raw] of block.text.split('\n').entries()) {
      const line = raw.trim();
      if (pending === undefined && (line === '' || line.startsWith('#'))) continue;
      const joined = pending ? `${pending.command} ${line}` : line;
      const start = pending?.line ?? block.line + offset;
      if (joined.endsWith('\\')) pending = { command: joined.slice(0, -1).trimEnd(), line: start };
      else {
        commands.push({ command: joined, line: start });
        pending = undefined;
      }
    }
    if (pending) commands.push(pending);
  }
  return commands;
}

/** The one block of `lang` whose text contains `marker`; throws, naming the marker, if not exactly one. */
export function readmeBlock(lang: string, marker: string): ReadmeBlock {
  const found = readmeBlocks().filter((b) => b.lang === lang && b.text.includes(marker));
  if (found.length !== 1)
    throw new Error(`README.md: expected one \`\`\`${lang} block with "${marker}", found ${found.length}`);
  return found[0] as ReadmeBlock;
}
