/** Every migration in order, listed statically (no directory scanning, so bundles and jiti work alike). */
import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../database.js';
import { initialMigration } from './001-initial.js';
import { pagingOutboxMigration } from './002-paging-outbox.js';
import { leadershipMigration } from './003-leadership.js';
import { unknownCountsMigration } from './004-unknown-counts.js';
import { catalogAnnouncementsMigration } from './005-catalog-announcements.js';
import { burnRatesMigration } from './006-burn-rates.js';

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001_initial': initialMigration(dialect),
        '002_paging_outbox': pagingOutboxMigration(dialect),
        '003_leadership': leadershipMigration(),
        '004_unknown_counts': unknownCountsMigration(dialect),
        '005_catalog_announcements': catalogAnnouncementsMigration(),
        '006_burn_rates': burnRatesMigration(),
      };
    },
  };
}
