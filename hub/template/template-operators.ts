import type { BinaryOperator, CompareOperator } from './template-ast.ts';
import type { TemplateBudget } from './template-budget.ts';
import { TemplateError } from './template-error.ts';
import { pythonModulo } from './template-numbers.ts';
import { toText } from './template-stringify.ts';
import {
  dictEntries,
  dictGet,
  dictHas,
  dictSize,
  isDict,
  toArithmetic,
  typeName,
} from './template-values.ts';

/**
 * Python's operators on template values. Operands are never Undefined here where Jinja would raise:
 * the evaluator reports that first, naming the expression.
 */
export function applyBinary(
  operator: BinaryOperator,
  left: unknown,
  right: unknown,
  budget: TemplateBudget,
): unknown {
  if (operator === '~') {
    const [a, b] = [toText(left, budget), toText(right, budget)];
    budget.checkLength(a.length + b.length, 'string');
    return a + b;
  }
  if (operator === '+' && typeof left === 'string' && typeof right === 'string') {
    budget.checkLength(left.length + right.length, 'string');
    return left + right;
  }
  if (operator === '+' && Array.isArray(left) && Array.isArray(right)) {
    budget.checkLength(left.length + right.length, 'list');
    budget.work(left.length + right.length);
    return [...left, ...right];
  }
  if (operator === '*') {
    if (isSequence(left) && isCount(right)) return repeat(left, toArithmetic(right) ?? 0, budget);
    if (isCount(left) && isSequence(right)) return repeat(right, toArithmetic(left) ?? 0, budget);
  }
  const a = toArithmetic(left);
  const b = toArithmetic(right);
  if (a === undefined || b === undefined) {
    throw new TemplateError(
      'template_render',
      `unsupported operand types for ${operator}: '${typeName(left)}' and '${typeName(right)}'`,
    );
  }
  return arithmetic(operator, a, b);
}

function arithmetic(operator: BinaryOperator, a: number, b: number): number {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / nonZero(b);
    case '//':
      return Math.floor(a / nonZero(b));
    case '%':
      return pythonModulo(a, nonZero(b));
    default:
      return power(a, b);
  }
}

/** `**` is where a tiny template makes a huge number; Python raises OverflowError, and so do we. */
function power(base: number, exponent: number): number {
  if (base === 0 && exponent < 0) throw new TemplateError('template_render', 'division by zero');
  if (base < 0 && !Number.isInteger(exponent)) {
    throw new TemplateError('template_render', 'negative number raised to a fractional power');
  }
  const result = base ** exponent;
  if (!Number.isFinite(result) && Number.isFinite(base) && Number.isFinite(exponent)) {
    throw new TemplateError('template_limit', 'number too large');
  }
  return result;
}

function nonZero(divisor: number): number {
  if (divisor === 0) throw new TemplateError('template_render', 'division by zero');
  return divisor;
}

function isSequence(value: unknown): value is string | readonly unknown[] {
  return typeof value === 'string' || Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}

/** `'ab' * 3`, `[0] * 3`: sized before it is built. */
function repeat(sequence: string | readonly unknown[], times: number, budget: TemplateBudget): unknown {
  const count = Math.max(0, times);
  budget.checkLength(sequence.length * count, typeof sequence === 'string' ? 'string' : 'list');
  if (typeof sequence === 'string') return sequence.repeat(count);
  budget.work(sequence.length * count);
  const result: unknown[] = [];
  for (let index = 0; index < count; index += 1) result.push(...sequence);
  return result;
}

export function negate(operator: '-' | '+', value: unknown): number {
  const number = toArithmetic(value);
  if (number === undefined) {
    throw new TemplateError(
      'template_render',
      `bad operand type for unary ${operator}: '${typeName(value)}'`,
    );
  }
  return operator === '-' ? -number : number;
}

export function compare(
  operator: CompareOperator,
  left: unknown,
  right: unknown,
  budget: TemplateBudget,
): boolean {
  switch (operator) {
    case '==':
      return equals(left, right, budget, 0);
    case '!=':
      return !equals(left, right, budget, 0);
    case 'in':
      return contains(right, left, budget);
    case 'not in':
      return !contains(right, left, budget);
    default:
      return order(operator, left, right, budget, 0);
  }
}

/** Python `==`: deep, `1 == 1.0 == True`, and Undefined equals only Undefined (Jinja). */
export function equals(left: unknown, right: unknown, budget: TemplateBudget, depth: number): boolean {
  budget.work(1);
  budget.checkDepth(depth);
  if (left === right) return true;
  const [a, b] = [toArithmetic(left), toArithmetic(right)];
  if (a !== undefined || b !== undefined) return a === b;
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length &&
      left.every((item, index) => equals(item, right[index], budget, depth + 1))
    );
  }
  if (isDict(left) && isDict(right)) {
    if (dictSize(left) !== dictSize(right)) return false;
    return dictEntries(left).every(
      ([key, value]) => dictHas(right, key) && equals(value, dictGet(right, key), budget, depth + 1),
    );
  }
  return false;
}

/** Python's ordering: numbers with numbers, strings with strings, lists item by item; else TypeError. */
export function order(
  operator: CompareOperator,
  left: unknown,
  right: unknown,
  budget: TemplateBudget,
  depth: number,
): boolean {
  budget.work(1);
  budget.checkDepth(depth);
  const [a, b] = [toArithmetic(left), toArithmetic(right)];
  if (a !== undefined && b !== undefined) return orderPrimitive(operator, a, b);
  if (typeof left === 'string' && typeof right === 'string') return orderPrimitive(operator, left, right);
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.min(left.length, right.length);
    for (let index = 0; index < length; index += 1) {
      if (!equals(left[index], right[index], budget, depth + 1)) {
        return order(operator, left[index], right[index], budget, depth + 1);
      }
    }
    return orderPrimitive(operator, left.length, right.length);
  }
  throw new TemplateError(
    'template_render',
    `'${operator}' not supported between '${typeName(left)}' and '${typeName(right)}'`,
  );
}

function orderPrimitive<T extends number | string>(operator: CompareOperator, a: T, b: T): boolean {
  if (operator === '<') return a < b;
  if (operator === '<=') return a <= b;
  if (operator === '>') return a > b;
  return a >= b;
}

/** Python `item in container`: substring, list member, dict key; Undefined contains nothing. */
export function contains(container: unknown, item: unknown, budget: TemplateBudget): boolean {
  if (container === undefined) return false;
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw new TemplateError('template_render', `'in <string>' requires a string, not '${typeName(item)}'`);
    }
    budget.work(container.length);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((member) => equals(member, item, budget, 0));
  if (isDict(container)) {
    if (Array.isArray(item) || isDict(item)) {
      throw new TemplateError('template_render', `unhashable type: '${typeName(item)}'`);
    }
    return dictHas(container, item);
  }
  throw new TemplateError('template_render', `argument of type '${typeName(container)}' is not iterable`);
}
