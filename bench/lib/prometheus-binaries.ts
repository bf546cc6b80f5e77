/** The benchmarks measure the current release line: Prometheus 3.x and its promtool, built by bin/setup-stack-tools. */
import { stackTool } from '../../test/support/stack-tools.js';

export const benchPrometheus = (): string => stackTool('prometheus', 'prometheus');
export const benchPromtool = (): string => stackTool('prometheus', 'promtool');
