/** What reading an OpenSLO indicator gives: the Burnrate SLI, its grouping, and where its fields came from. */
import type { SliInput } from '../../sdk/types.js';

/** Where an SLI field came from: a path in the indicator's document, or (onSlo) in the SLO's. */
export type IndicatorFields = Record<string, { path: string; onSlo?: boolean }>;

export interface ConvertedIndicator {
  sli: SliInput;
  /** Labels of `sum by (...)` in the queries. */
  groupBy: string[];
  /** Authoring SLI field (`sli.total`, `groupBy`) → its source. */
  fields?: IndicatorFields;
  /** The SLI object it came from (its position in the file), when referenced by indicatorRef. */
  index?: number;
}
