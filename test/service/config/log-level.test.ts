/** LOG_LEVEL reaches the logger, and debug then shows lines that info hides (here: the catalog watcher's). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogHolder } from '../../../src/service/catalog/catalog-holder.js';
import { ConfigError, loadConfig } from '../../../src/service/config/load-config.js';
import { createLogger } from '../../../src/service/telemetry/logger.js';
import { waitFor } from '../../support/processes.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { catalogOf, writeCatalog } from '../support/test-catalog.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

function captured(level: string) {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('LOG_LEVEL', () => {
  it('sets log.level over the file, in any case', async () => {
    const temp = await makeTempDir();
    cleanup = temp.remove;
    const file = path.join(temp.dir, 'burnrate.yaml');
    await writeFile(file, 'log: { level: warn }\n');
    expect(loadConfig({}, file).log.level).toBe('warn');
    expect(loadConfig({ LOG_LEVEL: 'debug' }, file).log.level).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: ' DEBUG ' }, file).log.level).toBe('debug');
    expect(loadConfig({}).log.level).toBe('info');
  });

  it('names the variable when the level is unknown', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL \(log\.level\)/);
  });

  it('makes the logger write debug lines only at debug', () => {
    for (const [level, expected] of [['debug', ['debug line', 'info line']], ['info', ['info line']]] as const) {
      const { logger, lines } = captured(loadConfig({ LOG_LEVEL: level }).log.level);
      logger.debug('debug line');
      logger.info('info line');
      expect(lines.map((l) => l.msg)).toEqual(expected);
    }
  });

  it('at debug, shows the catalog watch events and why a reload was skipped', async () => {
    const temp = await makeTempDir();
    cleanup = temp.remove;
    const file = path.join(temp.dir, 'catalog.json');
    const catalog = catalogOf([{ service: 'shop', team: 'web', slos: { probe: { objective: 99, sli: { kind: 'boolGauge', metric: 'up' } } } }]);
    await writeCatalog(file, catalog);
    const { logger, lines } = captured('debug');
    const holder = new CatalogHolder({ file, clock: () => new Date(), logger });
    await holder.load();
    const stop = holder.watch(20);
    try {
      await writeCatalog(file, catalog);
      await waitFor('skipped reload', async () => lines.some((l) => l.msg === 'catalog reload skipped: the file is unchanged'), 10_000);
      expect(lines.find((l) => l.msg === 'catalog watch event')).toMatchObject({ level: 20, name: 'catalog.json', file });
    } finally {
      stop();
    }
  });
});
