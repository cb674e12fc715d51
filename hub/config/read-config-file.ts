import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';

/** A config file's keys, and where each one is written, so that an error can point at its line. */
export interface ConfigFile {
  readonly name: string;
  readonly data: Record<string, unknown>;
  /** The line (1-based) of the value at `path`, if the file has it. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Reads `hearth.yaml` (YAML 1.2: `on` and `yes` stay text, duplicate keys are errors) or a `.json`
 * file, which must be strict JSON. Throws with the file name, and the line, on anything unreadable.
 */
export function readConfigFile(name: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(name, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read config file ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  if (name.endsWith('.json')) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntax = document.errors[0];
  if (syntax)
    throw new Error(`${name} is not valid YAML: ${syntax.message.split('\n')[0]?.replace(/:$/, '')}`);
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(
      `${name} must hold keys and values (a mapping), not ${Array.isArray(data) ? 'a list' : 'a value'}`,
    );
  return {
    name,
    data: data as Record<string, unknown>,
    lineOf(path) {
      const node = document.getIn(path as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    },
  };
}
