/**
 * Where the real components live: Debian's packages for the 2.x line, and the binaries bin/setup-stack-tools
 * builds from the Go module proxy (.tools/stack/<name>/). A missing binary fails the test that needs it:
 * bin/test runs bin/setup first, so absence is a broken set-up, never a reason to skip.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

export const STACK_DIR = path.join(REPO_ROOT, '.tools/stack');

/** Path of a binary built by bin/setup-stack-tools, e.g. stackTool('kubernetes', 'kube-apiserver'). */
export function stackTool(component: string, binary: string): string {
  const file = path.join(STACK_DIR, component, binary);
  if (!existsSync(file)) throw new Error(`${file} is missing: run bin/setup (it builds ${component} from the Go module proxy)`);
  return file;
}

/** One Prometheus release line: the server and the promtool of the same version. */
export interface PrometheusLine {
  name: '2.x' | '3.x';
  prometheus: string;
  promtool: string;
}

/** Debian's Prometheus 2.42 and Prometheus 3.16 built by bin/setup-stack-tools: rules are proven on both. */
export function prometheusLines(): PrometheusLine[] {
  return [
    { name: '2.x', prometheus: '/usr/bin/prometheus', promtool: '/usr/bin/promtool' },
    { name: '3.x', prometheus: stackTool('prometheus', 'prometheus'), promtool: stackTool('prometheus', 'promtool') },
  ];
}

/** One Alertmanager release line: the server and amtool of the same version. */
export interface AlertmanagerLine {
  name: '0.25' | '0.35';
  alertmanager: string;
  amtool: string;
}

/** Debian's Alertmanager 0.25 and Alertmanager 0.35 built by bin/setup-stack-tools. */
export function alertmanagerLines(): AlertmanagerLine[] {
  return [
    { name: '0.25', alertmanager: '/usr/bin/prometheus-alertmanager', amtool: '/usr/bin/amtool' },
    { name: '0.35', alertmanager: stackTool('alertmanager', 'alertmanager'), amtool: stackTool('alertmanager', 'amtool') },
  ];
}
