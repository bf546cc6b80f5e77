/** Per scenario group and tool: did it page or ticket, how fast, how soon it reset; then precision and recall. */
import type { GroundTruth, Tier } from './ground-truth.js';
import type { Interval } from './firing.js';
import type { Incident } from './scenario-types.js';
import { SCORED_FROM_MINUTE } from './timeline.js';
import type { AlertKind } from './tool-alerts.js';

export type Firing = Record<AlertKind, Interval[]>;

export interface GroupCase {
  scenario: string;
  title: string;
  group: string;
  truth: GroundTruth;
  /** When trouble starts and ends: incidents, single failures, or the target going away. */
  trouble?: { start: number; end: number };
  incidents: Incident[];
}

export interface ToolOutcome {
  pages: number;
  tickets: number;
  noData: boolean;
  /** Minutes from the start of trouble to the first page (or ticket, for ticket cases). */
  detectMinutes?: number;
  /** Minutes from the end of the last incident to the page resolving. */
  resetMinutes?: number;
  /** Alerts that fired during the warm-up days (never expected). */
  warmupAlerts: number;
  verdict: Tier;
}

const scored = (list: Interval[]) => list.filter((i) => i.end > SCORED_FROM_MINUTE);

export function outcome(c: GroupCase, firing: Firing): ToolOutcome {
  const pages = scored(firing.page);
  const tickets = scored(firing.ticket);
  const warmupAlerts = firing.page.length + firing.ticket.length - pages.length - tickets.length;
  const verdict: Tier = pages.length > 0 ? 'page' : tickets.length > 0 ? 'ticket' : 'quiet';
  const result: ToolOutcome = { pages: pages.length, tickets: tickets.length, noData: scored(firing.nodata).length > 0, warmupAlerts, verdict };
  if (c.trouble) {
    const detector = c.truth.expected === 'ticket' ? tickets : pages;
    const first = detector.find((i) => i.end > c.trouble!.start);
    if (first) result.detectMinutes = first.start - c.trouble.start;
    const last = pages[pages.length - 1];
    if (last && c.incidents.length > 0) result.resetMinutes = last.end - c.trouble.end;
  }
  return result;
}

export interface ToolSummary {
  pageRecall: string;
  pagePrecision: string;
  falsePages: number;
  ticketRecall: string;
  falseTickets: number;
  medianDetectMinutes?: number;
  maxResetMinutes?: number;
  noDataSignals: number;
  warmupAlerts: number;
}

function ratio(hit: number, all: number): string {
  return all === 0 ? 'n/a' : `${hit}/${all} (${Math.round((100 * hit) / all)}%)`;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function summarise(cases: readonly GroupCase[], outcomes: readonly ToolOutcome[]): ToolSummary {
  const pairs = cases.map((c, i) => ({ c, o: outcomes[i] as ToolOutcome }));
  const shouldPage = pairs.filter((p) => p.c.truth.expected === 'page');
  const shouldTicket = pairs.filter((p) => p.c.truth.expected === 'ticket');
  const paged = pairs.filter((p) => p.o.pages > 0);
  const truePages = shouldPage.filter((p) => p.o.pages > 0).length;
  const falsePageCases = paged.filter((p) => p.c.truth.expected !== 'page');
  const resets = shouldPage.map((p) => p.o.resetMinutes).filter((r): r is number => r !== undefined);
  return {
    pageRecall: ratio(truePages, shouldPage.length),
    pagePrecision: ratio(truePages, truePages + falsePageCases.length),
    falsePages: falsePageCases.reduce((n, p) => n + p.o.pages, 0),
    ticketRecall: ratio(shouldTicket.filter((p) => p.o.tickets > 0 || p.o.pages > 0).length, shouldTicket.length),
    falseTickets: pairs.filter((p) => p.c.truth.expected === 'quiet' && p.o.tickets > 0).length,
    medianDetectMinutes: median(shouldPage.map((p) => p.o.detectMinutes).filter((d): d is number => d !== undefined)),
    maxResetMinutes: resets.length > 0 ? Math.max(...resets) : undefined,
    noDataSignals: pairs.filter((p) => p.o.noData).length,
    warmupAlerts: pairs.reduce((n, p) => n + p.o.warmupAlerts, 0),
  };
}
