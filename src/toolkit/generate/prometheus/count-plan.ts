/** Which of an SLO's windows its rules record, and how the others are composed; the calendar step is recorded too. */
import type { Slo } from '../../../core/model/slo.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { countWindowPlan, type CountWindowPlan } from '../../../core/windows/count-windows.js';
import { calendarStepMs } from './window-queries.js';

export function sloCountPlan(slo: Slo): CountWindowPlan {
  const step = calendarStepMs(slo.window);
  return countWindowPlan(sloAlertWindows(slo), step === undefined ? [] : [step]);
}
