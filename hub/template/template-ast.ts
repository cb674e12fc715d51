/**
 * The syntax tree of a template. `start`/`end` span the whole expression in the source (for
 * messages such as `'value_json.a' is undefined`); `at` is where its operator or token is, which is
 * the position errors report.
 */
interface Located {
  readonly start: number;
  readonly end: number;
  readonly at: number;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '~';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

export interface CallArguments {
  readonly args: readonly Expression[];
  readonly kwargs: readonly { readonly name: string; readonly value: Expression }[];
}

export type Expression = Located &
  (
    | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
    | { readonly kind: 'list'; readonly items: readonly Expression[] }
    | {
        readonly kind: 'dict';
        readonly entries: readonly { readonly key: Expression; readonly value: Expression }[];
      }
    | { readonly kind: 'name'; readonly name: string }
    | { readonly kind: 'attribute'; readonly object: Expression; readonly name: string }
    | { readonly kind: 'index'; readonly object: Expression; readonly index: Expression }
    | {
        readonly kind: 'slice';
        readonly object: Expression;
        readonly lower: Expression | undefined;
        readonly upper: Expression | undefined;
        readonly step: Expression | undefined;
      }
    | ({ readonly kind: 'method'; readonly object: Expression; readonly name: string } & CallArguments)
    | { readonly kind: 'unary'; readonly operator: '-' | '+' | 'not'; readonly operand: Expression }
    | {
        readonly kind: 'binary';
        readonly operator: BinaryOperator;
        readonly left: Expression;
        readonly right: Expression;
      }
    | {
        readonly kind: 'logical';
        readonly operator: 'and' | 'or';
        readonly left: Expression;
        readonly right: Expression;
      }
    | {
        readonly kind: 'compare';
        readonly first: Expression;
        readonly rest: readonly { readonly operator: CompareOperator; readonly operand: Expression }[];
      }
    | {
        readonly kind: 'conditional';
        readonly test: Expression;
        readonly then: Expression;
        readonly otherwise: Expression | undefined;
      }
    | ({ readonly kind: 'filter'; readonly input: Expression; readonly name: string } & CallArguments)
    | ({
        readonly kind: 'test';
        readonly input: Expression;
        readonly name: string;
        readonly negated: boolean;
      } & CallArguments)
  );

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly expression: Expression }
  | { readonly kind: 'set'; readonly at: number; readonly name: string; readonly value: Expression }
  | {
      readonly kind: 'if';
      readonly at: number;
      readonly branches: readonly { readonly test: Expression; readonly body: readonly TemplateNode[] }[];
      readonly otherwise: readonly TemplateNode[];
    };

/** The direct sub-expressions of `expression`, for walks such as the depth check. */
export function childrenOf(expression: Expression): Expression[] {
  switch (expression.kind) {
    case 'literal':
    case 'name':
      return [];
    case 'list':
      return [...expression.items];
    case 'dict':
      return expression.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'attribute':
      return [expression.object];
    case 'index':
      return [expression.object, expression.index];
    case 'slice':
      return [expression.object, expression.lower, expression.upper, expression.step].filter(
        (child): child is Expression => child !== undefined,
      );
    case 'method':
      return [expression.object, ...argumentsOf(expression)];
    case 'unary':
      return [expression.operand];
    case 'binary':
    case 'logical':
      return [expression.left, expression.right];
    case 'compare':
      return [expression.first, ...expression.rest.map((link) => link.operand)];
    case 'conditional':
      return [expression.test, expression.then, expression.otherwise].filter(
        (child): child is Expression => child !== undefined,
      );
    case 'filter':
    case 'test':
      return [expression.input, ...argumentsOf(expression)];
  }
}

function argumentsOf(call: CallArguments): Expression[] {
  return [...call.args, ...call.kwargs.map((kwarg) => kwarg.value)];
}
