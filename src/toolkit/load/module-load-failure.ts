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

/**
 * Line and column (1-based) of the first mention of the file in the error (`path:line:col`), with the
 * source line and a caret. Stack frames count columns from 1, the parser's message from 0.
 */
function positionIn(error: unknown, file: string): { line: number; column: number; excerpt?: string[] } | undefined {
  if (!(error instanceof Error)) return undefined;
  const pattern = new RegExp(`(?:${escape(file)}|${escape(pathToFileURL(file).href)}):(\\d+):(\\d+)`);
  const match = pattern.exec(`${error.message}\n${error.stack ?? ''}`);
  if (!match) return undefined;
  const line = Number(match[1]);
  const column = Number(match[2]) + (isParseError(error) ? 1 : 0);
  try {
    const text = readFileSync(file, 'utf8');
    const lineStart = text.split('\n').slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    return { line, column, excerpt: positionOf(text, lineStart + column - 1).excerpt };
  } catch {
    return { line, column };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return `the module threw ${JSON.stringify(error) ?? String(error)} while loading`;
  const firstLine = (error.message.split('\n')[0] ?? '').trim();
  const parse = /^(?:ParseError|SyntaxError): (.*)$/.exec(firstLine);
  if (isParseError(error)) return `cannot load the module: syntax error: ${(parse?.[1] ?? firstLine).trim()}`;
  if ((error as { code?: string }).code === 'MODULE_NOT_FOUND' || (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
    return `cannot load the module: ${firstLine}`;
  }
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
