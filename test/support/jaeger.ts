/**
 * Real Jaeger v2 (built by bin/setup-stack-tools) run with the collector config the umbrella chart ships:
 * read from charts/burnrate-stack/values.yaml, never copied, with only its endpoints moved onto local ports,
 * so a test proves what the chart deploys. Nothing it opens listens beyond 127.0.0.1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from './cli.js';
import { freePort } from './ports.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';
import { stackTool } from './stack-tools.js';

export const STACK_VALUES = path.join(REPO_ROOT, 'charts/burnrate-stack/values.yaml');
/** The chart's exporter that forwards every span to Burnrate's OTLP receiver. */
export const BURNRATE_EXPORTER = 'otlphttp/burnrate';

export interface JaegerPorts {
  otlpGrpc: number;
  otlpHttp: number;
  queryHttp: number;
  queryGrpc: number;
  health: number;
}

/** The `jaeger.config` of the umbrella chart's values, as Helm would hand it to Jaeger. */
export async function chartJaegerConfig(): Promise<Record<string, any>> {
  const values = parse(await readFile(STACK_VALUES, 'utf8')) as Record<string, any>;
  const config = values.jaeger?.config;
  if (!config || typeof config !== 'object') throw new Error(`${STACK_VALUES}: no jaeger.config`);
  return config as Record<string, any>;
}

/** A map the chart must already have: the rewrite only moves endpoints, it never adds components. */
function section(config: Record<string, any>, ...keys: string[]): Record<string, any> {
  let node: any = config;
  for (const key of keys) {
    node = node?.[key];
    if (!node || typeof node !== 'object') throw new Error(`the chart's Jaeger config has no ${keys.join('.')}`);
  }
  return node as Record<string, any>;
}

/**
 * The chart's config with every listening endpoint on 127.0.0.1 (OTLP receivers, query HTTP/gRPC, health),
 * the Burnrate exporter pointed at `burnrateUrl` (the chart's http://burnrate:4318), and the collector's own
 * metrics off (they would bind :8888).
 */
export function localJaegerConfig(chart: Record<string, any>, ports: JaegerPorts, burnrateUrl: string): Record<string, any> {
  const config = structuredClone(chart);
  const local = (port: number) => `127.0.0.1:${port}`;
  section(config, 'receivers', 'otlp', 'protocols', 'grpc').endpoint = local(ports.otlpGrpc);
  section(config, 'receivers', 'otlp', 'protocols', 'http').endpoint = local(ports.otlpHttp);
  section(config, 'exporters', BURNRATE_EXPORTER).endpoint = burnrateUrl;
  const query = section(config, 'extensions', 'jaeger_query');
  query.http = { ...query.http, endpoint: local(ports.queryHttp) };
  query.grpc = { ...query.grpc, endpoint: local(ports.queryGrpc) };
  section(config, 'extensions', 'healthcheckv2', 'http').endpoint = local(ports.health);
  const service = section(config, 'service');
  service.telemetry = { ...service.telemetry, metrics: { ...service.telemetry?.metrics, level: 'none' } };
  return config;
}

export interface JaegerServer {
  ports: JaegerPorts;
  /** OTLP/HTTP traces endpoint for SDK exporters. */
  otlpTracesUrl: string;
  /** Base URL of the query service (the HTTP API the UI uses). */
  queryUrl: string;
  process: RunningProcess;
  stop: () => Promise<void>;
}

export async function freeJaegerPorts(): Promise<JaegerPorts> {
  return { otlpGrpc: await freePort(), otlpHttp: await freePort(), queryHttp: await freePort(), queryGrpc: await freePort(), health: await freePort() };
}

/** Starts `jaeger --config <file>` with `config` and waits for its health check and query API. */
export async function startJaeger(config: Record<string, any>, ports: JaegerPorts, dir: string): Promise<JaegerServer> {
  const file = path.join(dir, 'jaeger.yaml');
  await writeFile(file, stringify(config));
  const jaeger = startProcess(stackTool('jaeger', 'jaeger'), ['--config', file], { cwd: dir });
  const queryUrl = `http://127.0.0.1:${ports.queryHttp}`;
  await waitFor('jaeger healthy', async () => (await fetch(`http://127.0.0.1:${ports.health}/status`)).ok, 60_000, jaeger.output);
  await waitFor('jaeger query API', async () => (await fetch(`${queryUrl}/api/services`)).ok, 30_000, jaeger.output);
  return { ports, otlpTracesUrl: `http://127.0.0.1:${ports.otlpHttp}/v1/traces`, queryUrl, process: jaeger, stop: jaeger.stop };
}
