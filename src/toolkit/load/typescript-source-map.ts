/**
 * Where each field of a `.slo.ts` file's SLO sets was written, read from the source with the TypeScript
 * parser, so validation problems point at `file:line:column` like YAML ones do. The module ran already
 * (jiti); this only reads its text. Object literals passed to `defineSlos(...)` (or exported as sets) are
 * walked, through `as const`/`satisfies` and same-file `const` references; a field built at run time (a
 * spread, a function call) is reported at the closest literal field that holds it.
 */
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import { positionOf } from '../../core/diagnostics/text-position.js';
import type { FieldSources, SetSourceMap, SourceSpot } from './source-map.js';

// Loaded on first use: only files that have problems to locate pay for the parser.
let parser: typeof TypeScript | undefined;
function ts(): typeof TypeScript {
  parser ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return parser;
}

interface SetLiteral {
  node: TypeScript.ObjectLiteralExpression;
  /** The node reported for the set itself: the `defineSlos` call, or the literal. */
  anchor: TypeScript.Node;
}

function spotAt(source: TypeScript.SourceFile, node: TypeScript.Node, path: string): SourceSpot {
  const { line, column, excerpt } = positionOf(source.text, node.getStart(source));
  return { path, line, column, excerpt };
}

function propertyName(name: TypeScript.PropertyName): string | undefined {
  const t = ts();
  if (t.isIdentifier(name) || t.isStringLiteral(name) || t.isNumericLiteral(name) || t.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (t.isComputedPropertyName(name) && t.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** Same-file `const x = …` declarations, so `sli: checkoutSli` is followed to its literal. */
function constInitializers(source: TypeScript.SourceFile): Map<string, TypeScript.Expression> {
  const t = ts();
  const found = new Map<string, TypeScript.Expression>();
  const visit = (node: TypeScript.Node): void => {
    if (t.isVariableDeclaration(node) && t.isIdentifier(node.name) && node.initializer && t.isVariableDeclarationList(node.parent) && node.parent.flags & t.NodeFlags.Const) {
      found.set(node.name.text, node.initializer);
    }
    t.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The object or array literal an expression stands for, through wrappers and const references. */
function literalOf(expression: TypeScript.Expression, consts: Map<string, TypeScript.Expression>, seen = new Set<string>()): TypeScript.Expression {
  const t = ts();
  let current = expression;
  for (;;) {
    if (t.isAsExpression(current) || t.isSatisfiesExpression(current) || t.isParenthesizedExpression(current) || t.isTypeAssertionExpression(current)) current = current.expression;
    else if (t.isIdentifier(current) && consts.has(current.text) && !seen.has(current.text)) {
      seen.add(current.text);
      current = consts.get(current.text) as TypeScript.Expression;
    } else if (t.isCallExpression(current) && isDefineSlos(current) && current.arguments[0]) current = current.arguments[0];
    else return current;
  }
}

function isDefineSlos(call: TypeScript.CallExpression): boolean {
  const t = ts();
  const callee = call.expression;
  return (t.isIdentifier(callee) && callee.text === 'defineSlos') || (t.isPropertyAccessExpression(callee) && callee.name.text === 'defineSlos');
}

/** Records every literal field under `prefix` (dot paths, `[i]` for list items). */
function walk(source: TypeScript.SourceFile, value: TypeScript.Expression, prefix: string, into: FieldSources, consts: Map<string, TypeScript.Expression>): void {
  const t = ts();
  const literal = literalOf(value, consts);
  if (t.isObjectLiteralExpression(literal)) {
    for (const property of literal.properties) {
      if (!t.isPropertyAssignment(property) && !t.isShorthandPropertyAssignment(property)) continue;
      const name = propertyName(property.name);
      if (name === undefined) continue;
      const path = prefix === '' ? name : `${prefix}.${name}`;
      into[path] = spotAt(source, property.name, path);
      walk(source, t.isPropertyAssignment(property) ? property.initializer : property.name, path, into, consts);
    }
  } else if (t.isArrayLiteralExpression(literal)) {
    literal.elements.forEach((element, index) => {
      const path = `${prefix}[${index}]`;
      into[path] = spotAt(source, element, path);
      walk(source, element, path, into, consts);
    });
  }
}

function setLiterals(source: TypeScript.SourceFile, consts: Map<string, TypeScript.Expression>): SetLiteral[] {
  const t = ts();
  const sets: SetLiteral[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (t.isCallExpression(node) && isDefineSlos(node) && node.arguments[0]) {
      const literal = literalOf(node.arguments[0], consts);
      if (t.isObjectLiteralExpression(literal)) sets.push({ node: literal, anchor: node });
      return;
    }
    t.forEachChild(node, visit);
  };
  visit(source);
  if (sets.length > 0) return sets;
  // Plain exported objects with `service` and `slos`, which the loader accepts too.
  const plain = (node: TypeScript.Node): void => {
    if (t.isObjectLiteralExpression(node)) {
      const names = node.properties.map((p) => (p.name ? propertyName(p.name as TypeScript.PropertyName) : undefined));
      if (names.includes('service') && names.includes('slos')) sets.push({ node, anchor: node });
    }
    t.forEachChild(node, plain);
  };
  plain(source);
  return sets;
}

function property(literal: TypeScript.ObjectLiteralExpression, name: string): TypeScript.ObjectLiteralElementLike | undefined {
  return literal.properties.find((p) => p.name !== undefined && propertyName(p.name as TypeScript.PropertyName) === name);
}

/** The source map of one set literal, with SLO ids made from the service the module produced. */
function mapOf(source: TypeScript.SourceFile, set: SetLiteral, service: string, consts: Map<string, TypeScript.Expression>): SetSourceMap {
  const t = ts();
  const fields: FieldSources = { '': spotAt(source, set.anchor, '') };
  walk(source, set.node, '', fields, consts);
  const map: SetSourceMap = { set: {}, slos: {} };
  for (const [path, spot] of Object.entries(fields)) if (path === '' || !path.startsWith('slos.')) map.set[path] = spot;
  const slos = property(set.node, 'slos');
  const slosLiteral = slos && t.isPropertyAssignment(slos) ? literalOf(slos.initializer, consts) : undefined;
  if (!slosLiteral || !t.isObjectLiteralExpression(slosLiteral)) return map;
  for (const entry of slosLiteral.properties) {
    if (!t.isPropertyAssignment(entry) && !t.isShorthandPropertyAssignment(entry)) continue;
    const name = propertyName(entry.name);
    if (name === undefined) continue;
    const sloFields: FieldSources = { '': spotAt(source, entry.name, '') };
    walk(source, t.isPropertyAssignment(entry) ? entry.initializer : entry.name, '', sloFields, consts);
    map.slos[service ? `${service}-${name}` : name] = sloFields;
  }
  return map;
}

function literalService(set: SetLiteral, consts: Map<string, TypeScript.Expression>): string | undefined {
  const t = ts();
  const found = property(set.node, 'service');
  if (!found || !t.isPropertyAssignment(found)) return undefined;
  const value = literalOf(found.initializer, consts);
  return t.isStringLiteralLike(value) ? value.text : undefined;
}

/**
 * One map per loaded set, in the loader's order: a literal is matched to the set by its `service`, else by
 * position among the literals not matched yet.
 */
export function typeScriptSourceMaps(text: string, file: string, sets: readonly unknown[]): SetSourceMap[] {
  const t = ts();
  const source = t.createSourceFile(file, text, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
  const consts = constInitializers(source);
  const literals = setLiterals(source, consts);
  const unmatched = [...literals];
  const services = sets.map((set) => (typeof (set as { service?: unknown })?.service === 'string' ? ((set as { service: string }).service) : ''));
  const chosen = services.map((service) => {
    const index = unmatched.findIndex((literal) => literalService(literal, consts) === service);
    return index === -1 ? undefined : unmatched.splice(index, 1)[0];
  });
  return services.map((service, index) => {
    const literal = chosen[index] ?? unmatched.shift();
    return literal ? mapOf(source, literal, service, consts) : { set: {}, slos: {} };
  });
}

/** Where a module's first set literal is written (the `defineSlos` call), or its first line when it has none. */
export function firstSetSpot(text: string, file: string): SourceSpot {
  const t = ts();
  const source = t.createSourceFile(file, text, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
  const [first] = setLiterals(source, constInitializers(source));
  return first ? spotAt(source, first.anchor, '') : { path: '', ...positionOf(text, 0) };
}
