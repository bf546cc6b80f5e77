/** Alerting options, with defaults filled in. */
import type { AlertingPolicy, AlertTier } from '../model/slo.js';
import { parseDurationMs } from '../model/duration.js';
import type { AlertingInput, TierInput } from '../sdk/types.js';
import { checkLabelMap } from './check-labels.js';
import type { ProblemSink } from './problem.js';

export const DEFAULT_MIN_EVENTS = 100;
const DEFAULT_NO_DATA_FOR = '10m';

function tier(input: TierInput | undefined, severity: string): AlertTier {
  if (input === false) return { enabled: false, severity };
  if (input === true || input === undefined) return { enabled: true, severity };
  return { enabled: true, severity: input.severity ?? severity };
}

function checkSeverity(field: string, value: string, sink: ProblemSink): boolean {
  if (!/^[a-z][a-z0-9_-]*$/.test(value)) {
    sink.error('severity', field, `must be a lowercase word such as "critical" or "warning", got ${JSON.stringify(value)}`);
    return false;
  }
  return true;
}

export function checkAlerting(input: AlertingInput | undefined, windowMs: number, sink: ProblemSink): AlertingPolicy | undefined {
  const alerting = input ?? {};
  let ok = checkLabelMap('alerting.labels', alerting.labels, sink);
  const page = tier(alerting.page, 'critical');
  const ticket = tier(alerting.ticket, 'warning');
  ok = checkSeverity('alerting.page.severity', page.severity, sink) && ok;
  ok = checkSeverity('alerting.ticket.severity', ticket.severity, sink) && ok;

  const minEvents = alerting.minEvents ?? DEFAULT_MIN_EVENTS;
  if (!Number.isInteger(minEvents) || minEvents < 0) {
    sink.error('min-events', 'alerting.minEvents', `must be a whole number of events, 0 or more, got ${minEvents}`);
    ok = false;
  }

  const noDataInput = alerting.noData;
  const noDataOn = noDataInput !== false;
  const noDataFor = typeof noDataInput === 'object' ? noDataInput.for ?? DEFAULT_NO_DATA_FOR : DEFAULT_NO_DATA_FOR;
  const noDataSeverity = typeof noDataInput === 'object' ? noDataInput.severity ?? 'warning' : 'warning';
  const forMs = parseDurationMs(noDataFor);
  if (forMs === undefined || forMs <= 0) {
    sink.error('duration', 'alerting.noData.for', `must be a duration such as "10m", got ${JSON.stringify(noDataFor)}`);
    ok = false;
  } else if (forMs >= windowMs) {
    sink.error('nodata-for-window', 'alerting.noData.for', `must be shorter than the SLO window, got ${noDataFor}`);
    ok = false;
  }
  const budgetInput = alerting.budgetExhausted;
  const budgetSeverity = typeof budgetInput === 'object' ? budgetInput.severity ?? 'warning' : 'warning';
  ok = checkSeverity('alerting.noData.severity', noDataSeverity, sink) && ok;
  ok = checkSeverity('alerting.budgetExhausted.severity', budgetSeverity, sink) && ok;
  if (!ok) return undefined;
  return {
    page,
    ticket,
    labels: { ...(alerting.labels ?? {}) },
    minEvents,
    noData: { enabled: noDataOn, forSeconds: (forMs ?? 0) / 1000, severity: noDataSeverity },
    budgetExhausted: { enabled: budgetInput !== false, severity: budgetSeverity },
  };
}
