/**
 * The page's view changes only with a new evaluation, catalog or trend step, not per request: refreshes
 * every 30 s by every viewer reuse it (with the request's clock), which keeps a 1,000-SLO page cheap.
 */
import type { LoadedCatalog } from '../../catalog/load-catalog.js';
import type { Evaluation } from '../../scheduler/evaluator.js';
import type { BudgetTrends } from './budget-trends.js';
import { statusView, type StatusView } from './status-view.js';

export function createStatusViewCache(): (catalog: LoadedCatalog, evaluation: Evaluation | undefined, now: Date, trends: BudgetTrends | undefined) => StatusView {
  let last: { catalog: LoadedCatalog; evaluation: Evaluation | undefined; trends: BudgetTrends | undefined; view: StatusView } | undefined;
  return (catalog, evaluation, now, trends) => {
    if (!last || last.catalog !== catalog || last.evaluation !== evaluation || last.trends !== trends) {
      last = { catalog, evaluation, trends, view: statusView(catalog, evaluation, now, trends) };
    }
    return { ...last.view, now };
  };
}
