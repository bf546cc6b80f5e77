import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/core/model/duration.js';
import { alertWindows } from '../../../src/core/windows/alert-windows.js';
import { composeWindow, countWindowPlan, type CountWindowPlan } from '../../../src/core/windows/count-windows.js';
import { tiledCountText } from '../../../src/core/promql/window-count-text.js';

const DAY = 86_400_000;

function describePlan(plan: CountWindowPlan): { recorded: string[]; composed: string[] } {
  const recorded = plan.recorded.map((r) => {
    const from = r.source.kind === 'tiles' ? `${r.source.count}x${formatDuration(r.source.tileMs)}` : r.source.kind;
    return `${formatDuration(r.windowMs)}=${from}${r.slow ? ' (slow)' : ''}`;
  });
  const composed = [...plan.sources].flatMap(([ms, s]) => (s.recorded ? [] : [`${formatDuration(ms)}=${s.count}x${formatDuration(s.tileMs)}`]));
  return { recorded, composed };
}

describe('count windows', () => {
  it('records windows up to an hour from raw series, 1d from the 5m counts, 3d from three 1d counts; composes the rest', () => {
    expect(describePlan(countWindowPlan(alertWindows(30 * DAY)))).toEqual({
      recorded: ['5m=raw', '1h=raw', '1d=average (slow)', '3d=3x1d (slow)'],
      composed: ['30m=6x5m', '2h=2x1h', '6h=6x1h'],
    });
  });

  it('records from raw series a window no recorded window divides (28m of a 28-day SLO), and tiles on it', () => {
    expect(describePlan(countWindowPlan(alertWindows(28 * DAY)))).toEqual({
      recorded: ['5m=raw', '28m=raw', '56m=raw', '22h24m=average (slow)', '2d19h12m=3x22h24m (slow)'],
      composed: ['1h52m=2x56m', '5h36m=6x56m'],
    });
    expect(describePlan(countWindowPlan(alertWindows(7 * DAY)))).toEqual({
      recorded: ['5m=raw', '7m=raw', '14m=raw', '5h36m=average (slow)', '16h48m=3x5h36m (slow)'],
      composed: ['28m=2x14m', '1h24m=6x14m'],
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
    expect(composeWindow(countWindowPlan(alertWindows(30 * DAY)), 30 * DAY)).toEqual({ recorded: false, tileMs: 3 * DAY, count: 10 });
    expect(composeWindow(countWindowPlan(alertWindows(7 * DAY)), 7 * DAY)).toEqual({ recorded: false, tileMs: 16.8 * 3_600_000, count: 10 });
    // 90 days with the 30-day plan: thirty 3d tiles.
    expect(composeWindow(countWindowPlan(alertWindows(30 * DAY)), 90 * DAY)).toEqual({ recorded: false, tileMs: 3 * DAY, count: 30 });
    // 180 days: sixty 3d tiles, more than thirty: nothing composes it.
    expect(composeWindow(countWindowPlan(alertWindows(30 * DAY)), 180 * DAY)).toBeUndefined();
  });

  it('records a ticket window from daily counts only when three of them make it, never by averaging days', () => {
    // Hand-made windows where the slow ticket window takes four daily counts, one more than a recorded tile may: composed.
    const windows = alertWindows(30 * DAY).map((w) => (w.tier === 'ticket' && w.speed === 'slow' ? { ...w, longWindowMs: 4 * DAY } : w));
    const plan = describePlan(countWindowPlan(windows));
    expect(plan.recorded).toEqual(['5m=raw', '1h=raw', '1d=average (slow)']);
    expect(plan.composed).toContain('4d=4x1d');
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
