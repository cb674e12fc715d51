import { TemplateError } from './template-error.ts';

/**
 * Bounds on one template. A device can send any template, so every dimension that could grow is
 * capped, and going past a cap is `template_limit`, never a slow hub or a crash.
 */
export interface TemplateLimits {
  /** Characters of template source. */
  readonly sourceLength: number;
  /** Nesting of the syntax tree, and so of the parser's and the evaluator's recursion. */
  readonly depth: number;
  /** Characters produced by one render. */
  readonly outputLength: number;
  /** Characters of a string, or items of a list, built by one operation (`*`, `~`, `join`, `tojson`…). */
  readonly valueLength: number;
  /** Nesting of a value that is compared or serialized (payloads can nest arbitrarily). */
  readonly valueDepth: number;
  /** Syntax-tree nodes evaluated by one render. */
  readonly steps: number;
  /** Element visits by one render: comparing, iterating and serializing lists and dicts. */
  readonly work: number;
}

export const TEMPLATE_LIMITS: TemplateLimits = Object.freeze({
  sourceLength: 4096,
  depth: 64,
  outputLength: 65_536,
  valueLength: 65_536,
  valueDepth: 64,
  steps: 10_000,
  work: 1_000_000,
});

/** What one render may still spend. Evaluation charges it as it goes. */
export class TemplateBudget {
  readonly limits: TemplateLimits;
  #steps = 0;
  #work = 0;

  constructor(limits: Partial<TemplateLimits> = {}) {
    this.limits = { ...TEMPLATE_LIMITS, ...limits };
  }

  step(position: number): void {
    this.#steps += 1;
    if (this.#steps > this.limits.steps) {
      throw new TemplateError('template_limit', `more than ${this.limits.steps} evaluation steps`, position);
    }
  }

  work(units: number): void {
    this.#work += units;
    if (this.#work > this.limits.work) {
      throw new TemplateError('template_limit', `more than ${this.limits.work} element operations`);
    }
  }

  /** Checked before a string or list is built, so that the oversized value never exists. */
  checkLength(length: number, what: string): void {
    if (length > this.limits.valueLength) {
      throw new TemplateError('template_limit', `${what} longer than ${this.limits.valueLength}`);
    }
  }

  checkDepth(depth: number): void {
    if (depth > this.limits.valueDepth) {
      throw new TemplateError('template_limit', `value nested deeper than ${this.limits.valueDepth}`);
    }
  }
}
