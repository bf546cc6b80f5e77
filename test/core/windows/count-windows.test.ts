import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/core/model/duration.js';
import { alertWindows } from '../../../src/core/windows/alert-windows.js';
import { composeWindow, countWindowPlan, type CountWindowPlan } from '../../../src/core/windows/count-windows.js';
import { tiledCountText } from '../../../src/core/promql/window-count-text.js';

const DAY = 86_400_000;

function describePlan(plan: CountWindowPlan): { recorded: string[]; composed: string[] } {
  const recorded = plan.recorded.map((r) => {
    const from = r.source.kind;
    return `${formatDuration(r.windowMs)}=${from}${r.slow ? ' (slow)' : ''}`;
  });
  const composed = [...plan.sources].flatMap(([ms, s]) => (s.recorded ? [] : [`${formatDuration(ms)}=${s.count}x${formatDuration(s.tileMs)}`]));
  return { recorded, composed };
}

describe('count windows', () => {
  it('records windows up to an hour from raw series, longer fast long windows from the 5m counts; composes the rest', () => {
    expect(describePlan(countWindowPlan(alertWindows(30 * DAY)))).toEqual({
      recorded: ['5m=raw', '1h=raw', '1d=average (slow)'],
      composed: ['30m=6x5m', '2h=2x1h', '6h=6x1h', '3d=3x1d'],
    });
  });

  it('records from raw series a window no recorded window divides (28m of a 28-day SLO), and tiles on it', () => {
    expect(describePlan(countWindowPlan(alertWindows(28 * DAY)))).toEqual({
      recorded: ['5m=raw', '28m=raw', '56m=raw', '22h24m=average (slow)'],
      composed: ['1h52m=2x56m', '5h36m=6x56m', '2d19h12m=3x22h24m'],
    });
    expect(describePlan(countWindowPlan(alertWindows(7 * DAY)))).toEqual({
      recorded: ['5m=raw', '7m=raw', '14m=raw', '5h36m=average (slow)'],
      composed: ['28m=2x14m', '1h24m=6x14m', '16h48m=3x5h36m'],
    });
  });

  it('records a calendar step without letting it change how alert windows are read', () => {
    const windows = alertWindows(30 * DAY);
    const plain = countWindowPlan(windows);
    const stepped = countWindowPlan(windows, [15 * 60_000]);
    expect(describePlan(stepped).composed).toEqual(describePlan(plain).composed);
    expect(describePlan(stepped).recorded).toEqual([...describePlan(plain).recorded, '15m=raw']);
  });

  it('composes the whole window from the longest recorded tile, thirty at most', () => {
    expect(composeWindow(countWindowPlan(alertWindows(30 * DAY)), 30 * DAY)).toEqual({ recorded: false, tileMs: DAY, count: 30 });
    expect(composeWindow(countWindowPlan(alertWindows(7 * DAY)), 7 * DAY)).toEqual({ recorded: false, tileMs: 5.6 * 3_600_000, count: 30 });
    // 90 days: 3d tiles would be needed, more than thirty 1d tiles: nothing composes it.
    expect(composeWindow(countWindowPlan(alertWindows(30 * DAY)), 90 * DAY)).toBeUndefined();
  });
});

describe('tiled count text', () => {
  it('sums the tile now and at each earlier tile, looking back less than one tile', () => {
    const text = tiledCountText('m{window="5m"}', 5 * 60_000, 3);
    expect(text).toContain('label_replace(last_over_time(m{window="5m"}[4m59s]), "burnrate_tile", "0", "", "")');
    expect(text).toContain('last_over_time(m{window="5m"}[4m59s] offset 5m), "burnrate_tile", "1"');
    expect(text).toContain('last_over_time(m{window="5m"}[4m59s] offset 10m), "burnrate_tile", "2"');
    expect(text).not.toContain('offset 15m');
    expect(tiledCountText('m{window="1d"}', DAY, 2)).toContain('[10m] offset 1d)');
  });
});
