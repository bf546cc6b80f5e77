/** Rules and promtool tests generated from the fixture definitions: every SLI kind and window kind. */
import { FIXTURE_DIR } from './rule-files.js';
import { promtoolSuite } from './promtool-suite.js';

promtoolSuite('fixture definitions (ratio, latency, native latency, bool gauge, raw, traces, grouped; 7d, 28d, 30d, month, week)', [FIXTURE_DIR]);
