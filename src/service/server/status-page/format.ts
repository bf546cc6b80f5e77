/** How numbers and times read on the status page. Pure: `now` is a parameter. */

const MINUS = '\u2212';

function signed(text: string): string {
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/** 0.614 → "61.4%"; overspent budgets read "−12.5%". */
export function percentText(ratio: number, digits = 1): string {
  return signed(`${(ratio * 100).toFixed(digits)}%`);
}

/** A threshold reads without trailing zeros: 0 → "0%", 0.125 → "12.5%". */
export function shareText(ratio: number): string {
  return signed(`${Number((ratio * 100).toFixed(4))}%`);
}

/** An SLI reads with enough digits to compare against its objective: 99.9 → 3 decimals. */
export function sliText(sli: number | null, objectivePercent: number): string {
  if (sli === null) return 'no data';
  const decimals = Math.min(4, Math.max(1, (String(objectivePercent).split('.')[1]?.length ?? 0) + 1));
  return percentText(sli, decimals);
}

export function burnRateText(rate: number | null): string {
  if (rate === null) return '–';
  const digits = rate < 10 ? 2 : rate < 100 ? 1 : 0;
  return `${rate.toFixed(digits)}×`;
}

/** 2580 → "43m", 97200 → "1d 3h": the largest unit and the next one, when not zero. */
export function durationText(seconds: number): string {
  if (seconds < 60) return '< 1m';
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ];
  const first = units.findIndex(([, size]) => seconds >= size);
  const [bigName, bigSize] = units[first]!;
  const big = Math.floor(seconds / bigSize);
  const next = units[first + 1];
  const small = next ? Math.floor((seconds - big * bigSize) / next[1]) : 0;
  return small > 0 && next ? `${big}${bigName} ${small}${next[0]}` : `${big}${bigName}`;
}

export function utcText(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function agoText(at: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

