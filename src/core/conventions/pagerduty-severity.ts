/** PagerDuty's four severities: the vocabulary of Events v2 payloads and of Event Orchestration rules. */
export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';
