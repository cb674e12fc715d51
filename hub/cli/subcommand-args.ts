import type { ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';
import { parseFlags } from './parse-flags.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The arguments of a command with actions (`hearth user add NAME`): its flags plus `--help`, the
 * action, checked against the known ones, and the operands after it. `action` is undefined when
 * the caller should print its help.
 */
export function subcommandArgs<O extends Options>(
  command: string,
  args: string[],
  options: O,
  actions: readonly string[],
) {
  const { values, positionals } = parseFlags(args, { ...options, help: { type: 'boolean', short: 'h' } });
  const [action, ...operands] = positionals;
  if ((values as { help?: boolean }).help === true || action === undefined)
    return { values, action: undefined, operands };
  if (!actions.includes(action))
    throw new CliError(`unknown ${command} action "${action}" (${actions.join(', ')})`);
  return { values, action, operands };
}

/** The operands an action takes: exactly `count`, or a usage error naming what is missing or extra. */
export function operands(
  command: string,
  action: string,
  given: string[],
  names: readonly string[],
): string[] {
  if (given.length > names.length) throw new CliError(`unexpected argument "${given[names.length]}"`);
  if (given.length < names.length)
    throw new CliError(`${command} ${action} needs ${names.slice(given.length).join(' ')}`);
  return given;
}
