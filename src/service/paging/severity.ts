/**
 * PagerDuty knows four severities; SLO tiers carry a free lowercase word (default "critical"). Common
 * words map to their PagerDuty meaning; anything else on the page tier is treated as critical, because a
 * page that arrives with too low an urgency is worse than one with too high.
 */
import type { PagerDutySeverity } from '../../core/conventions/pagerduty-severity.js';

const WORDS: Record<string, PagerDutySeverity> = {
  critical: 'critical',
  page: 'critical',
  high: 'critical',
  urgent: 'critical',
  sev1: 'critical',
  p1: 'critical',
  error: 'error',
  major: 'error',
  sev2: 'error',
  p2: 'error',
  warning: 'warning',
  warn: 'warning',
  minor: 'warning',
  ticket: 'warning',
  sev3: 'warning',
  p3: 'warning',
  info: 'info',
  low: 'info',
  sev4: 'info',
  p4: 'info',
};

export function pagerDutySeverity(severity: string): PagerDutySeverity {
  return WORDS[severity.toLowerCase()] ?? 'critical';
}
