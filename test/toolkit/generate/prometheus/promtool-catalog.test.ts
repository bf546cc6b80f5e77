/** Rules and promtool tests generated from the example catalog in slo-definitions/. */
import { CATALOG_DIR } from './rule-files.js';
import { promtoolSuite } from './promtool-suite.js';

promtoolSuite('example catalog (slo-definitions/)', [CATALOG_DIR]);
