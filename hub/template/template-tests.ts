import type { Parameters, TemplateCallable } from './template-callable.ts';
import { integerArgument, REQUIRED } from './template-callable.ts';
import { TemplateError } from './template-error.ts';
import { pythonModulo } from './template-numbers.ts';
import { contains, equals } from './template-operators.ts';
import { isDict, toArithmetic } from './template-values.ts';

/**
 * Jinja's tests, for `value is defined`, `value is not none`, `value is divisibleby 3`. Every test
 * takes Undefined: asking whether something is defined must not fail because it is not.
 */
export const TESTS: ReadonlyMap<string, TemplateCallable> = new Map<string, TemplateCallable>([
  ['defined', predicate((value) => value !== undefined)],
  ['undefined', predicate((value) => value === undefined)],
  ['none', predicate((value) => value === null)],
  // Jinja's `number` is `isinstance(value, Number)`, and Python's bool is a Number.
  ['number', predicate((value) => typeof value === 'number' || typeof value === 'boolean')],
  ['string', predicate((value) => typeof value === 'string')],
  ['boolean', predicate((value) => typeof value === 'boolean')],
  ['true', predicate((value) => value === true)],
  ['false', predicate((value) => value === false)],
  ['mapping', predicate(isDict)],
  // Jinja's Undefined has `__iter__` and `__len__`, so it counts as both.
  ['sequence', predicate(isCollection)],
  ['iterable', predicate(isCollection)],
  ['odd', predicate((value) => pythonModulo(numberOf(value, 'odd'), 2) === 1)],
  ['even', predicate((value) => pythonModulo(numberOf(value, 'even'), 2) === 0)],
  [
    'divisibleby',
    predicate(
      (value, [divisor]) => {
        const by = integerArgument('divisibleby', divisor);
        if (by === 0) throw new TemplateError('template_render', 'division by zero');
        return pythonModulo(numberOf(value, 'divisibleby'), by) === 0;
      },
      { num: REQUIRED },
    ),
  ],
  ['eq', predicate((value, [other], budget) => equals(value, other, budget, 0), { other: REQUIRED })],
  ['ne', predicate((value, [other], budget) => !equals(value, other, budget, 0), { other: REQUIRED })],
  ['in', predicate((value, [container], budget) => contains(container, value, budget), { seq: REQUIRED })],
]);

function predicate(test: TemplateCallable['call'], params: Parameters = {}): TemplateCallable {
  return {
    params,
    acceptsUndefined: true,
    call: (value, args, budget) => test(value, args, budget) === true,
  };
}

function isCollection(value: unknown): boolean {
  return value === undefined || typeof value === 'string' || Array.isArray(value) || isDict(value);
}

/** Jinja's `odd` is `value % 2 == 1`, so `-2.5 is odd` is false and `3.0 is odd` true. */
function numberOf(value: unknown, test: string): number {
  const number = toArithmetic(value);
  if (number === undefined) throw new TemplateError('template_render', `test '${test}' needs a number`);
  return number;
}
