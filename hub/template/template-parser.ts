import type { Expression, TemplateNode } from './template-ast.ts';
import { childrenOf } from './template-ast.ts';
import { TEMPLATE_LIMITS } from './template-budget.ts';
import { TemplateError } from './template-error.ts';
import { parseExpression } from './template-expression-parser.ts';
import type { Token } from './template-lexer.ts';
import { depthError, TokenStream } from './template-token-stream.ts';

const IF_ENDINGS: ReadonlySet<string> = new Set(['elif', 'else', 'endif']);
const ENDIF: ReadonlySet<string> = new Set(['endif']);
const NO_ENDINGS: ReadonlySet<string> = new Set();

/**
 * Parses tokens into the template's syntax tree: text, `{{ expression }}`,
 * `{% if %}…{% elif %}…{% else %}…{% endif %}` and `{% set name = expression %}` (Zigbee2MQTT puts
 * one in every thermostat's `action_template`). Other statements (`for`, block `set`, `macro`) are
 * refused: a value template has no use for loops, and without them a render's cost is bounded by
 * the size of its tree.
 */
export function parseTemplate(tokens: readonly Token[]): TemplateNode[] {
  const stream = new TokenStream(tokens);
  const { nodes } = parseBody(stream, NO_ENDINGS);
  for (const node of nodes) checkNodeDepth(node, 1);
  return nodes;
}

function parseBody(
  stream: TokenStream,
  endings: ReadonlySet<string>,
): { nodes: TemplateNode[]; ending: string | undefined } {
  const nodes: TemplateNode[] = [];
  for (;;) {
    const token = stream.current;
    if (token.kind === 'end') return { nodes, ending: undefined };
    if (token.kind === 'text') {
      nodes.push({ kind: 'text', text: token.value });
      stream.take();
    } else if (token.kind === 'output_begin') {
      stream.take();
      nodes.push({ kind: 'output', expression: parseExpression(stream) });
      stream.expect('output_end', "'}}'");
    } else if (token.kind === 'statement_begin') {
      const keyword = stream.peek(1);
      const name = keyword.kind === 'name' ? keyword.value : '';
      if (endings.has(name)) return { nodes, ending: name };
      if (name === 'set') {
        nodes.push(parseSet(stream));
        continue;
      }
      if (name !== 'if') {
        const detail = IF_ENDINGS.has(name) ? `unexpected '{% ${name} %}'` : `unknown statement '${name}'`;
        throw new TemplateError('template_syntax', detail, keyword.start);
      }
      nodes.push(parseIf(stream));
    } else {
      throw stream.unexpected(token);
    }
  }
}

function parseIf(stream: TokenStream): TemplateNode {
  const at = stream.current.start;
  stream.enter(at);
  stream.skip(2);
  const branches: { test: Expression; body: TemplateNode[] }[] = [];
  let test = parseExpression(stream);
  let otherwise: TemplateNode[] = [];
  for (;;) {
    stream.expect('statement_end', "'%}'");
    const { nodes, ending } = parseBody(stream, IF_ENDINGS);
    branches.push({ test, body: nodes });
    if (ending === undefined) throw new TemplateError('template_syntax', "unclosed '{% if %}'", at);
    stream.skip(2);
    if (ending !== 'elif') {
      if (ending === 'else') {
        stream.expect('statement_end', "'%}'");
        const rest = parseBody(stream, ENDIF);
        if (rest.ending === undefined) throw new TemplateError('template_syntax', "unclosed '{% if %}'", at);
        otherwise = rest.nodes;
        stream.skip(2);
      }
      stream.expect('statement_end', "'%}'");
      stream.leave();
      return { kind: 'if', at, branches, otherwise };
    }
    test = parseExpression(stream);
  }
}

/** `{% set name = expression %}`; no tuple targets, no block form (`{% set x %}…{% endset %}`). */
function parseSet(stream: TokenStream): TemplateNode {
  const at = stream.current.start;
  stream.skip(2);
  const target = stream.take();
  if (target.kind !== 'name') throw stream.unexpected(target, 'a variable name after set');
  if (!stream.accept('=')) {
    throw new TemplateError('template_syntax', "only '{% set name = expression %}' is supported", at);
  }
  const value = parseExpression(stream);
  stream.expect('statement_end', "'%}'");
  return { kind: 'set', at, name: target.value, value };
}

/** Loops in the parser build left-deep trees (`a ~ b ~ c …`, `a.b.c…`), so the finished tree is measured too. */
function checkNodeDepth(node: TemplateNode, depth: number): void {
  if (node.kind === 'text') return;
  if (node.kind === 'output') {
    checkExpressionDepth(node.expression, depth);
    return;
  }
  if (node.kind === 'set') {
    checkExpressionDepth(node.value, depth);
    return;
  }
  if (depth > TEMPLATE_LIMITS.depth) throw depthError(node.at);
  for (const branch of node.branches) {
    checkExpressionDepth(branch.test, depth + 1);
    for (const child of branch.body) checkNodeDepth(child, depth + 1);
  }
  for (const child of node.otherwise) checkNodeDepth(child, depth + 1);
}

function checkExpressionDepth(expression: Expression, depth: number): void {
  if (depth > TEMPLATE_LIMITS.depth) throw depthError(expression.at);
  for (const child of childrenOf(expression)) checkExpressionDepth(child, depth + 1);
}
