/**
 * A lock's `code_format`: a Python regular expression from the device, which Home Assistant
 * applies with `re.match` (anchored at the start only) to every code a user types. It comes from
 * an untrusted device and runs on user input in the hub's only thread, so it is bounded before it
 * is compiled: a length limit, no repeated group that itself repeats or alternates (the shapes
 * that backtrack exponentially, `(a+)+`, `(a|aa)*`), at most three variable quantifiers, and codes
 * of at most `CODE_MAX_LENGTH` characters, which keeps the worst case polynomial and small.
 */
export const CODE_FORMAT_MAX_LENGTH = 256;
export const CODE_MAX_LENGTH = 64;
const MAX_VARIABLE_QUANTIFIERS = 3;

/** Compiles a code_format; throws an Error saying why it is refused. */
export function compileCodeFormat(pattern: string): RegExp {
  if (pattern.length > CODE_FORMAT_MAX_LENGTH)
    throw new Error(`longer than ${CODE_FORMAT_MAX_LENGTH} characters`);
  const { source, flags } = toJavaScript(pattern);
  const risk = backtrackingRisk(source);
  if (risk) throw new Error(risk);
  try {
    // `y` (sticky, from lastIndex 0) is Python's re.match: anchored at the start, not the end.
    return new RegExp(source, `${flags}y`);
  } catch (error) {
    throw new Error(`is not a valid regular expression: ${(error as Error).message}`);
  }
}

/** Python's `re.match(pattern, code)`, truthy. */
export function matchesCodeFormat(format: RegExp, code: string): boolean {
  format.lastIndex = 0;
  return format.test(code);
}

/** The Python syntax HA users write that JavaScript spells differently. */
function toJavaScript(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline) {
    for (const flag of inline[1] ?? '') {
      if (!'ims'.includes(flag))
        throw new Error(`uses the inline flag ${flag}, which hearth does not support`);
      if (!flags.includes(flag)) flags += flag;
    }
    source = source.slice(inline[0].length);
  }
  source = source
    .replaceAll('(?P<', '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replaceAll('\\A', '^')
    .replaceAll('\\Z', '(?![\\s\\S])');
  return { source, flags };
}

interface Group {
  variable: boolean;
  alternation: boolean;
}

/** Why the pattern could backtrack badly, or undefined. A conservative syntactic check. */
function backtrackingRisk(source: string): string | undefined {
  const stack: Group[] = [{ variable: false, alternation: false }];
  let variableQuantifiers = 0;
  let closed: Group | undefined;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const top = stack.at(-1) as Group;
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier.variable) {
        variableQuantifiers++;
        top.variable = true;
        if (closed && quantifier.repeats && (closed.variable || closed.alternation))
          return 'repeats a group that repeats or alternates, which can backtrack exponentially';
      }
      i += quantifier.length - 1;
      if (source[i + 1] === '?' || source[i + 1] === '+') i++;
      closed = undefined;
      continue;
    }
    closed = undefined;
    if (char === '\\') i++;
    else if (char === '[') i = classEnd(source, i);
    else if (char === '|') top.alternation = true;
    else if (char === '(') {
      stack.push({ variable: false, alternation: false });
      i = groupPrefixEnd(source, i);
    } else if (char === ')' && stack.length > 1) {
      closed = stack.pop();
      if (closed?.variable) top.variable = true;
    }
  }
  if (variableQuantifiers > MAX_VARIABLE_QUANTIFIERS)
    return `has more than ${MAX_VARIABLE_QUANTIFIERS} variable quantifiers`;
  return undefined;
}

/** A quantifier at `i`: `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`. */
function quantifierAt(
  source: string,
  i: number,
): { length: number; variable: boolean; repeats: boolean } | undefined {
  const char = source[i];
  if (char === '*' || char === '+') return { length: 1, variable: true, repeats: true };
  if (char === '?') return { length: 1, variable: true, repeats: false };
  if (char !== '{') return undefined;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!braces) return undefined;
  const min = Number(braces[1]);
  const max = braces[2] === undefined ? min : braces[3] === '' ? Number.POSITIVE_INFINITY : Number(braces[3]);
  return { length: braces[0].length, variable: max > min, repeats: max > 1 };
}

function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i;
}

/** Skips `?:`, `?=`, `?!`, `?<=`, `?<!` and `?<name>` after an opening parenthesis. */
function groupPrefixEnd(source: string, open: number): number {
  if (source[open + 1] !== '?') return open;
  const next = source[open + 2];
  if (next === ':' || next === '=' || next === '!') return open + 2;
  if (next === '<') {
    if (source[open + 3] === '=' || source[open + 3] === '!') return open + 3;
    const close = source.indexOf('>', open);
    return close === -1 ? open + 2 : close;
  }
  return open + 1;
}
