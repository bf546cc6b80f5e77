/** JSON schemas of the API: they validate requests, shape responses and feed the OpenAPI document. */

const nullableNumber = { type: ['number', 'null'] } as const;
const labels = { type: 'object', additionalProperties: { type: 'string' } } as const;
const isoTime = { type: 'string', format: 'date-time' } as const;
/** Window counts: null when no cluster answered (an outage: unknown), 0 when they answered with no events. */
const unknownCount = { type: ['number', 'null'], description: 'null: no cluster answered (unknown); 0: no events' } as const;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
} as const;

export const budgetSchema = {
  type: 'object',
  properties: {
    allowedBadEvents: { type: 'number' },
    consumedBadEvents: { type: 'number' },
    remainingRatio: nullableNumber,
    remainingMinutesOfOutage: nullableNumber,
  },
} as const;

const clusterSchema = {
  type: 'object',
  properties: {
    cluster: { type: 'string' },
    status: { type: 'string', enum: ['ok', 'stale'] },
    goodEvents: nullableNumber,
    totalEvents: nullableNumber,
    error: { type: 'string' },
  },
} as const;

export const snapshotSchema = {
  $id: 'Snapshot',
  type: 'object',
  description: 'The budget of one SLO group (group {} is the whole SLO) at one evaluation.',
  properties: {
    group: labels,
    at: isoTime,
    status: { type: 'string', enum: ['ok', 'partial', 'no-data'] },
    objectiveRatio: { type: 'number' },
    windowStart: isoTime,
    windowSeconds: { type: 'number' },
    periodStart: isoTime,
    goodEvents: unknownCount,
    totalEvents: unknownCount,
    sli: nullableNumber,
    budget: budgetSchema,
    burnRates: {
      type: 'array',
      items: { type: 'object', properties: { window: { type: 'string' }, errorRatio: nullableNumber, burnRate: nullableNumber } },
    },
    secondsToExhaustion: nullableNumber,
    clusters: { type: 'array', items: clusterSchema },
  },
} as const;

export const sloStatusEnum = ['ok', 'partial', 'no-data', 'pending', 'unsupported'] as const;

const sloDefinitionProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  service: { type: 'string' },
  team: { type: 'string' },
  description: { type: 'string' },
  objectivePercent: { type: 'number' },
  window: { type: 'string', description: 'e.g. "30d" or "calendar month (Europe/Berlin)"' },
  sliKind: { type: 'string' },
  counted: { type: 'string', description: 'what the budget counts: "events", or time slices such as "1m slices" (goodEvents and totalEvents then count good and judged slices)' },
  groupBy: { type: 'array', items: { type: 'string' } },
  labels,
} as const;

export const sloSummarySchema = {
  $id: 'SloSummary',
  type: 'object',
  properties: {
    ...sloDefinitionProperties,
    status: { type: 'string', enum: sloStatusEnum, description: 'pending: not evaluated yet; unsupported: raw SLIs have no event counts' },
    evaluatedAt: { type: ['string', 'null'], format: 'date-time' },
    sli: nullableNumber,
    goodEvents: nullableNumber,
    totalEvents: nullableNumber,
    budget: { anyOf: [budgetSchema, { type: 'null' }] },
    secondsToExhaustion: nullableNumber,
    groups: { type: 'integer', description: 'groups evaluated (groupBy SLOs)' },
    staleClusters: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const sloDetailSchema = {
  $id: 'SloDetail',
  type: 'object',
  properties: {
    ...sloDefinitionProperties,
    runbookUrl: { type: 'string' },
    dashboardUrl: { type: 'string' },
    source: { type: 'object', properties: { file: { type: 'string' }, format: { type: 'string' } } },
    alertWindows: {
      type: 'array',
      items: {
        type: 'object',
        properties: { tier: { type: 'string' }, speed: { type: 'string' }, longWindow: { type: 'string' }, shortWindow: { type: 'string' }, factor: { type: 'number' } },
      },
    },
    status: { type: 'string', enum: sloStatusEnum },
    evaluatedAt: { type: ['string', 'null'], format: 'date-time' },
    snapshot: { anyOf: [{ $ref: 'Snapshot#' }, { type: 'null' }] },
    groups: { type: 'array', items: { $ref: 'Snapshot#' } },
  },
} as const;

export const historyPointSchema = {
  type: 'object',
  properties: {
    at: isoTime,
    group: labels,
    sli: nullableNumber,
    remainingRatio: nullableNumber,
    goodEvents: unknownCount,
    totalEvents: unknownCount,
    status: { type: 'string', enum: ['ok', 'partial', 'no-data'] },
    resolution: { type: 'string', enum: ['raw', 'hourly', 'daily'] },
    burnRates: { type: 'object', additionalProperties: { type: 'number' }, description: 'burn rate per alert window ("5m", "1h", ...) at this point; windows without events, and points stored before burn rates were kept, have none' },
  },
} as const;

export const sharedSchemas = [errorSchema, snapshotSchema, sloSummarySchema, sloDetailSchema];

/** Error responses every route documents. */
export function errorResponses(...codes: number[]): Record<number, { $ref: string; description: string }> {
  const text: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 413: 'Too large', 415: 'Unsupported media type', 503: 'Unavailable: not ready, or the store cannot be reached (Retry-After)' };
  return Object.fromEntries(codes.map((c) => [c, { $ref: 'Error#', description: text[c] ?? 'Error' }]));
}
