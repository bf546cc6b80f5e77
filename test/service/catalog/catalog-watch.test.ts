/**
 * The catalog watcher: only events for the catalog (or the ConfigMap's `..data` link) count, and a burst
 * of them becomes one reload. Event order from the kernel makes these checks exact: once the event of a
 * later write is seen, every earlier write's events have been delivered.
 */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concernsCatalog, watchCatalogFile } from '../../../src/service/catalog/catalog-watch.js';
import type { Logger } from '../../../src/service/telemetry/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await cleanup?.();
});

/** Polls without the global timers, which some tests fake. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await sleep(10);
  expect(check()).toBe(true);
}

async function setup() {
  const temp = await makeTempDir();
  cleanup = temp.remove;
  const file = path.join(temp.dir, 'catalog.json');
  await writeFile(file, '{}');
  const seen: { event: string; name: string | null }[] = [];
  const logger = { debug: ({ event, name }: { event: string; name: string | null }) => void seen.push({ event, name }) } as unknown as Logger;
  return { dir: temp.dir, file, seen, logger };
}

describe('concernsCatalog', () => {
  it('takes the catalog and the ConfigMap ..data link, nothing else next to them', () => {
    const file = '/etc/burnrate/catalog.json';
    expect(concernsCatalog(file, 'catalog.json')).toBe(true);
    expect(concernsCatalog(file, '..data')).toBe(true);
    expect(concernsCatalog(file, null)).toBe(true);
    for (const other of ['service.log', '.catalog.json.swp', 'catalog.json~', '..data_tmp', '..2026_01_01_00_00_00.1', 'staged.json']) {
      expect(concernsCatalog(file, other)).toBe(false);
    }
  });
});

describe('watchCatalogFile', () => {
  it('ignores a log file written next to the catalog', async () => {
    const { dir, file, seen, logger } = await setup();
    const changes: number[] = [];
    const stop = watchCatalogFile(file, { debounceMs: 10, onChange: () => void changes.push(1), onError: (e) => void expect.fail(e.message), logger });
    try {
      for (let i = 0; i < 20; i++) await writeFile(path.join(dir, 'service.log'), `line ${i}\n`, { flag: 'a' });
      await writeFile(file, '{"changed":true}');
      await until(() => changes.length > 0);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((e) => e.name === 'catalog.json')).toBe(true);
    } finally {
      stop();
    }
  });

  it('reloads once after a burst of writes settles', async () => {
    const { dir, file, seen, logger } = await setup();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const changes: number[] = [];
    const stop = watchCatalogFile(file, { debounceMs: 250, onChange: () => void changes.push(1), onError: (e) => void expect.fail(e.message), logger });
    try {
      for (let i = 0; i < 5; i++) await writeFile(file, `{"write":${i}}`);
      const staged = path.join(dir, 'staged.json');
      await writeFile(staged, '{"write":"last"}');
      await rename(staged, file);
      // The rename is the last event of the burst; every write before it has been delivered by then.
      await until(() => seen.some((e) => e.event === 'rename'));
      expect(seen.length).toBeGreaterThan(1);
      expect(changes).toEqual([]);
      vi.advanceTimersByTime(250);
      expect(changes).toEqual([1]);
    } finally {
      stop();
    }
  });
});
