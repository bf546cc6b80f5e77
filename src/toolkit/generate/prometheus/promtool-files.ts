/**
 * Names of the promtool test files in alerts/promtool/: one per SLO, and one per rule file that tests every
 * SLO's no-data alert at once. SLO and service names hold no dot, so the two never collide.
 */
export const sloTestFile = (sloId: string) => `${sloId}.test.yaml`;
export const noDataTestFile = (service: string) => `${service}.no-data.test.yaml`;
