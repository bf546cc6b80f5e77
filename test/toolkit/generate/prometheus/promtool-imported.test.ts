/**
 * Rules and promtool tests generated straight from Sloth and Pyrra specs, which keep their alert names: page
 * and ticket share one name (told apart by burnrate_tier), so each check expects the other when it fires too.
 * Pyrra's latencyNative (grouped) comes through as native-histogram input.
 */
import path from 'node:path';
import { FIXTURES } from '../../load/load-support.js';
import { promtoolSuite } from './promtool-suite.js';

promtoolSuite(
  'Sloth and Pyrra specs with kept alert names, tier labels and annotations; Pyrra native latency',
  ['sloth/tier-owner.yml', 'sloth/api-gateway-by-route.yml', 'sloth/mapped-labels.yml', 'pyrra/alert-name.yaml', 'pyrra/native-latency.yaml'].map((f) => path.join(FIXTURES, f)),
);
