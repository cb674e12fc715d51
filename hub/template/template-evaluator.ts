/*
 * Why this evaluator exists: a general-purpose template engine is not a sandbox. Nunjucks, the
 * Jinja ports and anything built on `new Function` let a template walk to `constructor`, prototypes
 * and host functions, and nothing bounds what a template costs. The templates here come from
 * untrusted MQTT devices, so this file interprets a closed subset of Jinja expressions instead:
 * values are data only (template-values.ts), behaviour is only the allow-listed filters, tests and
 * methods, and every render runs on a budget (template-budget.ts).
 */
import { getAttribute, getItem, getSlice } from './template-access.ts';
import type { CallArguments, Expression, TemplateNode } from './template-ast.ts';
import { TemplateBudget } from './template-budget.ts';
import type { Argument, TemplateCallable } from './template-callable.ts';
import { bindArguments } from './template-callable.ts';
import { TemplateError } from './template-error.ts';
import { FILTERS } from './template-filters.ts';
import { callMethod } from './template-methods.ts';
import { applyBinary, compare, negate } from './template-operators.ts';
import { toText } from './template-stringify.ts';
import { TESTS } from './template-tests.ts';
import { isTruthy, ownProperty, typeName } from './template-values.ts';

const ORDERING: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

/** Renders parsed nodes; throws TemplateError (and, for a bug, anything else: the caller wraps). */
export function renderNodes(
  nodes: readonly TemplateNode[],
  source: string,
  variables: Readonly<Record<string, unknown>>,
  budget: TemplateBudget = new TemplateBudget(),
): string {
  return new Evaluator(source, variables, budget).render(nodes);
}

class Evaluator {
  readonly #source: string;
  readonly #variables: Readonly<Record<string, unknown>>;
  readonly #budget: TemplateBudget;
  readonly #output: string[] = [];
  /** Names bound by `{% set %}`. Jinja's `if` opens no scope, so one map serves the whole render. */
  readonly #assigned = new Map<string, unknown>();
  #outputLength = 0;

  constructor(source: string, variables: Readonly<Record<string, unknown>>, budget: TemplateBudget) {
    this.#source = source;
    this.#variables = variables;
    this.#budget = budget;
  }

  render(nodes: readonly TemplateNode[]): string {
    this.#renderNodes(nodes);
    return this.#output.join('');
  }

  #renderNodes(nodes: readonly TemplateNode[]): void {
    for (const node of nodes) {
      if (node.kind === 'text') this.#emit(node.text, undefined);
      else if (node.kind === 'output') {
        const value = this.#evaluate(node.expression);
        const at = node.expression.start;
        const text = located(at, () => toText(value, this.#budget));
        this.#emit(text, at);
      } else if (node.kind === 'set') {
        this.#assigned.set(node.name, this.#evaluate(node.value));
      } else {
        const branch = node.branches.find((candidate) => isTruthy(this.#evaluate(candidate.test)));
        this.#renderNodes(branch === undefined ? node.otherwise : branch.body);
      }
    }
  }

  #emit(text: string, position: number | undefined): void {
    this.#outputLength += text.length;
    const limit = this.#budget.limits.outputLength;
    if (this.#outputLength > limit) {
      throw new TemplateError('template_limit', `output longer than ${limit}`, position);
    }
    this.#output.push(text);
  }

  #evaluate(expression: Expression): unknown {
    this.#budget.step(expression.at);
    return located(expression.at, () => this.#evaluateNode(expression));
  }

  #evaluateNode(expression: Expression): unknown {
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'list':
        return expression.items.map((item) => this.#evaluate(item));
      case 'dict':
        return new Map(
          expression.entries.map((entry) => [this.#dictKey(entry.key), this.#evaluate(entry.value)]),
        );
      case 'name':
        return this.#assigned.has(expression.name)
          ? this.#assigned.get(expression.name)
          : ownProperty(this.#variables, expression.name);
      case 'attribute':
        return getAttribute(this.#defined(expression.object), expression.name);
      case 'index':
        return getItem(this.#defined(expression.object), this.#evaluate(expression.index));
      case 'slice': {
        const object = this.#defined(expression.object);
        const bound = (part: Expression | undefined): unknown =>
          part === undefined ? undefined : this.#evaluate(part);
        return getSlice(object, bound(expression.lower), bound(expression.upper), bound(expression.step));
      }
      case 'method': {
        const receiver = this.#defined(expression.object);
        return callMethod(receiver, expression.name, this.#arguments(expression), this.#budget);
      }
      case 'unary':
        if (expression.operator === 'not') return !isTruthy(this.#evaluate(expression.operand));
        return negate(expression.operator, this.#defined(expression.operand));
      case 'binary': {
        // `~` prints Undefined as ''; every other operator raises on it, as Jinja's Undefined does.
        const concat = expression.operator === '~';
        const left = concat ? this.#evaluate(expression.left) : this.#defined(expression.left);
        const right = concat ? this.#evaluate(expression.right) : this.#defined(expression.right);
        return applyBinary(expression.operator, left, right, this.#budget);
      }
      case 'logical': {
        const left = this.#evaluate(expression.left);
        const decided = expression.operator === 'and' ? !isTruthy(left) : isTruthy(left);
        return decided ? left : this.#evaluate(expression.right);
      }
      case 'compare':
        return this.#compareChain(expression.first, expression.rest);
      case 'conditional':
        if (isTruthy(this.#evaluate(expression.test))) return this.#evaluate(expression.then);
        return expression.otherwise === undefined ? undefined : this.#evaluate(expression.otherwise);
      case 'filter':
        return this.#apply(FILTERS.get(expression.name), `filter '${expression.name}'`, expression);
      case 'test': {
        const result = this.#apply(TESTS.get(expression.name), `test '${expression.name}'`, expression);
        return expression.negated ? !result : result;
      }
    }
  }

  /** `a < b < c` is `a < b and b < c`, with `b` evaluated once. */
  #compareChain(first: Expression, rest: Extract<Expression, { kind: 'compare' }>['rest']): boolean {
    let leftNode = first;
    let left = this.#evaluate(first);
    for (const { operator, operand } of rest) {
      const right = this.#evaluate(operand);
      if (ORDERING.has(operator)) {
        if (left === undefined) throw this.#undefinedError(leftNode);
        if (right === undefined) throw this.#undefinedError(operand);
      }
      if (!compare(operator, left, right, this.#budget)) return false;
      leftNode = operand;
      left = right;
    }
    return true;
  }

  #apply(
    callable: TemplateCallable | undefined,
    label: string,
    call: CallArguments & { readonly input: Expression },
  ): unknown {
    if (callable === undefined) throw new TemplateError('template_render', `unknown ${label}`);
    const input = callable.acceptsUndefined ? this.#evaluate(call.input) : this.#defined(call.input);
    const args = bindArguments(label, callable.params, this.#arguments(call));
    return callable.call(input, args, this.#budget);
  }

  #arguments(call: CallArguments): Argument[] {
    const positional = call.args.map((arg) => ({ name: undefined, value: this.#evaluate(arg) }));
    const keywords = call.kwargs.map((kwarg) => ({ name: kwarg.name, value: this.#evaluate(kwarg.value) }));
    return [...positional, ...keywords];
  }

  /** Python dict keys must be hashable; lists, dicts and Undefined are refused. */
  #dictKey(node: Expression): unknown {
    const key = this.#evaluate(node);
    if (key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean')
      return key;
    throw new TemplateError('template_render', `unhashable dict key of type '${typeName(key)}'`, node.start);
  }

  /** Jinja's Undefined raises on everything but printing, testing and comparing for equality. */
  #defined(node: Expression): unknown {
    const value = this.#evaluate(node);
    if (value === undefined) throw this.#undefinedError(node);
    return value;
  }

  #undefinedError(node: Expression): TemplateError {
    const text = this.#source.slice(node.start, node.end).trim();
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    return new TemplateError('template_render', `'${shown}' is undefined`, node.start);
  }
}

/** Runs `work`, locating at `position` any TemplateError from it that does not know where it happened. */
function located<T>(position: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof TemplateError ? error.at(position) : error;
  }
}
