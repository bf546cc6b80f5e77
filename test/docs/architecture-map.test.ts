/** The code map in docs/architecture.md names every folder under src/, and only those. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

const DOC = path.join(REPO_ROOT, 'docs/architecture.md');
const SRC = path.join(REPO_ROOT, 'src');

/** Every directory under src/ at any depth, as repository-relative paths ("src/core/model"). */
function sourceFolders(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The first column of the table under "## Code map", without backticks or a trailing slash. */
function mappedFolders(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^##\s+Code map\s*$/.test(line));
  if (start < 0) throw new Error('docs/architecture.md has no "## Code map" section');
  const folders: string[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const first = line.split('|')[1]?.trim() ?? '';
    const folder = /^`([^`]+)`$/.exec(first)?.[1];
    if (folder) folders.push(folder.replace(/\/+$/, ''));
  }
  return folders;
}

describe('docs/architecture.md code map', () => {
  const mapped = mappedFolders(readFileSync(DOC, 'utf8'));

  it('has one row per folder', () => {
    const repeated = mapped.filter((folder, i) => mapped.indexOf(folder) !== i);
    expect(repeated, `folders with more than one row: ${repeated.join(', ')}`).toEqual([]);
  });

  it('names exactly the folders under src/', () => {
    const actual = sourceFolders();
    const documented = new Set(mapped);
    const missing = actual.filter((folder) => !documented.has(folder));
    const extra = [...documented].filter((folder) => !actual.includes(folder)).sort();
    const message = [
      missing.length > 0 ? `missing from the code map (add a row): ${missing.join(', ')}` : '',
      extra.length > 0 ? `in the code map but not under src/ (remove the row): ${extra.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    expect({ missing, extra }, message).toEqual({ missing: [], extra: [] });
  });
});
