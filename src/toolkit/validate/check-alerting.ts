/** Alerting options, with defaults filled in. */
import { DEFAULT_MIN_EVENTS, DEFAULT_PAGE_KEEP_FIRING_SECONDS } from '../../core/model/alerting-defaults.js';
import type { AlertingPolicy, AlertTier } from '../../core/model/slo.js';
import { formatDuration, parseDurationMs } from '../../core/model/duration.js';
import type { AlertingInput, TierInput } from '../sdk/types.js';
import { checkLabelMap, ownLabels } from './check-labels.js';
import { checkSeverity } from './check-severity.js';
import { checkBurnAlertName, checkTierDecoration } from './check-tier-decoration.js';
import { didYouMean, durationHint } from './hints.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

const DEFAULT_NO_DATA_FOR = '10m';
/** Rules evaluate about once a minute; a shorter no-data delay fires on one slow evaluation. */
const MIN_SENSIBLE_NO_DATA_MS = 60_000;

function tier(input: TierInput | undefined, severity: string): AlertTier {
  if (input === false) return { enabled: false, severity };
  if (input === true || input === undefined) return { enabled: true, severity };
  return { enabled: true, severity: input.severity ?? severity };
}

/** The page or ticket tier with its own labels and annotations; undefined when they are unusable. */
function burnTier(name: 'page' | 'ticket', input: TierInput | undefined, severity: string, sink: ProblemSink): AlertTier | undefined {
  const base = tier(input, severity);
  if (typeof input !== 'object') return base;
  const decoration = checkTierDecoration(`alerting.${name}`, input, sink);
  return decoration && { ...base, ...decoration };
}

function checkMinEvents(minEvents: number, sink: ProblemSink): boolean {
  if (Number.isInteger(minEvents) && minEvents >= 0) return true;
  sink.error('min-events', 'alerting.minEvents', `must be a whole number of events, 0 or more (0 switches the low-traffic guard off), got ${minEvents}`);
  return false;
}

function checkNoDataFor(text: string, windowMs: number, sink: ProblemSink): number | undefined {
  const forMs = parseDurationMs(text);
  if (forMs === undefined || forMs <= 0) {
    const hint = durationHint(text);
    sink.error('duration', 'alerting.noData.for', `must be a duration above 0 such as "10m", got ${JSON.stringify(text)}${didYouMean(hint && `"${hint}"`)}`);
    return undefined;
  }
  if (forMs >= windowMs) {
    sink.error('nodata-for-window', 'alerting.noData.for', `must be shorter than the SLO window (${formatDuration(windowMs)}), got ${text}`);
    return undefined;
  }
  if (forMs < MIN_SENSIBLE_NO_DATA_MS) {
    sink.warning('nodata-for-short', 'alerting.noData.for', `${text} is shorter than one rule evaluation interval (about 1m), so one late scrape raises a no-data alert; "5m" or more is usual`);
  }
  return forMs;
}

/** Seconds a firing page is held after its condition clears, unless the SLO says otherwise. */
function pageKeepFiring(input: AlertingInput['page'], sink: ProblemSink): number | undefined {
  const text = typeof input === 'object' ? input.keepFiringFor : undefined;
  if (text === undefined) return DEFAULT_PAGE_KEEP_FIRING_SECONDS;
  const ms = parseDurationMs(text);
  if (ms === undefined || ms % 1000 !== 0) {
    sink.error('duration', 'alerting.page.keepFiringFor', `must be a duration in whole seconds such as "5m" or "0s"${durationHint(text)}, got ${JSON.stringify(text)}`);
    return undefined;
  }
  return ms / 1000;
}

/** Whether the tier writes its own severity (else it takes the label `severity` or Burnrate's default). */
function ownSeverity(input: TierInput | undefined): boolean {
  return typeof input === 'object' && input.severity !== undefined;
}

/**
 * `labelSeverity` is the author's label `severity` (check-mapped-labels.ts): the severity of the page and
 * ticket alerts that set none of their own.
 */
export function checkAlerting(input: AlertingInput | undefined, windowMs: number, sink: ProblemSink, labelSeverity?: string): AlertingPolicy | undefined {
  const alerting = input ?? {};
  let ok = checkLabelMap('alerting.labels', alerting.labels, sink);
  const keepFiringForSeconds = pageKeepFiring(alerting.page, sink);
  ok = keepFiringForSeconds !== undefined && ok;
  ok = checkBurnAlertName(alerting.burnAlertName, sink) && ok;
  const pageTier = burnTier('page', alerting.page, labelSeverity ?? 'critical', sink);
  const ticketTier = burnTier('ticket', alerting.ticket, labelSeverity ?? 'warning', sink);
  ok = pageTier !== undefined && ticketTier !== undefined && ok;
  const page = { ...(pageTier ?? tier(alerting.page, 'critical')), keepFiringForSeconds: keepFiringForSeconds ?? DEFAULT_PAGE_KEEP_FIRING_SECONDS };
  const ticket = ticketTier ?? tier(alerting.ticket, 'warning');
  ok = checkSeverity('alerting.page.severity', page.severity, sink) && ok;
  ok = checkSeverity('alerting.ticket.severity', ticket.severity, sink) && ok;
  // The label's warning already says both tiers take its severity.
  const bothFromLabel = labelSeverity !== undefined && !ownSeverity(alerting.page) && !ownSeverity(alerting.ticket);
  if (page.enabled && ticket.enabled && page.severity === ticket.severity && !bothFromLabel) {
    sink.warning('same-severity', 'alerting.ticket.severity', `page and ticket alerts share severity "${page.severity}", so Alertmanager cannot route pages and tickets apart`);
  }
  if (!page.enabled && !ticket.enabled) {
    sink.warning('no-burn-alerts', 'alerting', 'page and ticket are both off: nobody hears about this SLO burning its budget');
  }

  const minEvents = alerting.minEvents ?? DEFAULT_MIN_EVENTS;
  ok = checkMinEvents(minEvents, sink) && ok;

  const noDataInput = alerting.noData;
  const noDataOn = noDataInput !== false;
  const noDataFor = typeof noDataInput === 'object' ? (noDataInput.for ?? DEFAULT_NO_DATA_FOR) : DEFAULT_NO_DATA_FOR;
  const noDataSeverity = typeof noDataInput === 'object' ? (noDataInput.severity ?? 'warning') : 'warning';
  const forMs = checkNoDataFor(noDataFor, windowMs, sink);
  ok = forMs !== undefined && ok;
  const budgetInput = alerting.budgetExhausted;
  const budgetSeverity = typeof budgetInput === 'object' ? (budgetInput.severity ?? 'warning') : 'warning';
  ok = checkSeverity('alerting.noData.severity', noDataSeverity, sink) && ok;
  ok = checkSeverity('alerting.budgetExhausted.severity', budgetSeverity, sink) && ok;
  if (!ok) return undefined;
  return {
    page,
    ticket,
    labels: ownLabels(alerting.labels),
    minEvents,
    noData: { enabled: noDataOn, forSeconds: (forMs ?? 0) / 1000, severity: noDataSeverity },
    budgetExhausted: { enabled: budgetInput !== false, severity: budgetSeverity },
    ...(alerting.burnAlertName !== undefined ? { burnAlertName: alerting.burnAlertName } : {}),
  };
}
