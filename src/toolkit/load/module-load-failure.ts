/**
 * A definition module that cannot be loaded (syntax error, a throw, a missing import) becomes one problem
 * naming the file and, when the error carries it, the line and column; other files still get checked.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LoadedDocument } from './document.js';
import { positionOf } from '../../core/diagnostics/text-position.js';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isParseError(error: unknown): boolean {
  return error instanceof Error && (/^(ParseError|SyntaxError): /.test(error.message) || error.name === 'SyntaxError');
}

type Position = { line: number; column: number; excerpt: string[] };

function missingModule(error: unknown): string | undefined {
  const code = (error as { code?: string } | null)?.code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  return /Cannot find (?:module|package) '([^']+)'/.exec((error as Error).message)?.[1];
}

/**
 * The import of a module that cannot be found, found in the source: stack frames point into jiti's
 * transformed code (line 1, column 219 for an import on the first line), not at the author's import.
 */
function importPosition(text: string, specifier: string): Position | undefined {
  const quoted = `(['"])${escape(specifier)}\\1`;
  const pattern = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)${quoted}`, 'g');
  for (const match of text.matchAll(pattern)) {
    const at = match.index + match[0].length - specifier.length - 2;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const before = text.slice(lineStart, at);
    // Commented out, or type-only (erased when the module runs).
    if (before.includes('//') || /\b(?:import|export)\s+type\b/.test(before)) continue;
    const { line, column, excerpt } = positionOf(text, at);
    return { line, column, excerpt };
  }
  return undefined;
}

/**
 * Line and column (1-based) of the first mention of the file in the error (`path:line:col`), with the
 * source line and a caret. Stack frames count columns from 1, the parser's message from 0. A position past
 * the end of its line belongs to transformed code and is not reported.
 */
function positionIn(error: unknown, file: string): Position | { line: number; column: number } | undefined {
  if (!(error instanceof Error)) return undefined;
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  const specifier = missingModule(error);
  if (specifier !== undefined && text !== undefined) return importPosition(text, specifier);
  const pattern = new RegExp(`(?:${escape(file)}|${escape(pathToFileURL(file).href)}):(\\d+):(\\d+)`);
  const match = pattern.exec(`${error.message}\n${error.stack ?? ''}`);
  if (!match) return undefined;
  const line = Number(match[1]);
  const column = Number(match[2]) + (isParseError(error) ? 1 : 0);
  if (text === undefined) return { line, column };
  const lines = text.split('\n');
  if (line > lines.length || column > (lines[line - 1]?.length ?? 0) + 1) return undefined;
  const lineStart = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  return { line, column, excerpt: positionOf(text, lineStart + column - 1).excerpt };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return `the module threw ${JSON.stringify(error) ?? String(error)} while loading`;
  const firstLine = (error.message.split('\n')[0] ?? '').trim();
  const parse = /^(?:ParseError|SyntaxError): (.*)$/.exec(firstLine);
  if (isParseError(error)) return `cannot load the module: syntax error: ${(parse?.[1] ?? firstLine).trim()}`;
  const missing = missingModule(error);
  if (missing === 'burnrate') return `cannot load the module: ${firstLine}; install the package where the definitions live (npm install --save-dev burnrate)`;
  if (missing !== undefined || (error as { code?: string }).code === 'MODULE_NOT_FOUND') return `cannot load the module: ${firstLine}`;
  return `the module threw while loading: ${error.name}: ${firstLine}`;
}

export function moduleLoadFailure(displayName: string, absoluteFile: string, error: unknown): LoadedDocument {
  const position = positionIn(error, absoluteFile);
  return {
    file: displayName,
    format: 'typescript',
    sets: [],
    problems: [{ severity: 'error', code: 'load-failed', file: displayName, message: describe(error), ...position }],
  };
}
