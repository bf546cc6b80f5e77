/**
 * Traffic timelines and their promtool series notation. A timeline is a list of segments of steady
 * traffic; counters grow linearly inside a segment, so every window sees exact event counts.
 */
import { roundRatio } from '../../../core/model/slo.js';
import type { SeriesRole } from '../../../core/synthetic/event-series.js';

export interface Segment {
  minutes: number;
  eventsPerMinute: number;
  /** Share of the segment's events that are bad, 0..1. */
  errorRatio: number;
}

export interface Timeline {
  segments: Segment[];
  /** Series end with a staleness marker after the last segment, as when a target disappears. */
  thenStale: boolean;
}

export function number(value: number): string {
  return String(roundRatio(value));
}

export function share(segment: Segment, role: SeriesRole): number {
  if (role === 'bad') return segment.eventsPerMinute * segment.errorRatio;
  if (role === 'good') return segment.eventsPerMinute * (1 - segment.errorRatio);
  return segment.eventsPerMinute;
}

/** `a+bxn` expands to n+1 samples a, a+b, ..., a+nb; native histograms add up the same way. */
export function runText(first: string, step: string, count: number): string {
  return count === 1 ? first : `${first}+${step}x${count - 1}`;
}

function run(first: number, step: number, count: number): string {
  return runText(number(first), number(step), count);
}

/** A counter sampled every minute from 0 at t=0; segment increments land in the minute they belong to. */
export function counterValues(timeline: Timeline, role: SeriesRole): string {
  const tokens = ['0'];
  let value = 0;
  for (const segment of timeline.segments) {
    if (segment.minutes <= 0) continue;
    const step = share(segment, role);
    tokens.push(run(value + step, step, segment.minutes));
    value = roundRatio(value + step * segment.minutes);
  }
  if (timeline.thenStale) tokens.push('stale');
  return tokens.join(' ');
}

/**
 * A 0/1 gauge sampled `samplesPerMinute` times a minute; bad samples are spread evenly (Bresenham),
 * so any window holds its segment's error ratio to within one sample.
 */
export function gaugeValues(timeline: Timeline, samplesPerMinute: number): string {
  const values: number[] = [];
  let accumulated = 0;
  for (const [index, segment] of timeline.segments.entries()) {
    const count = segment.minutes * samplesPerMinute + (index === 0 ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const before = Math.floor(accumulated + 1e-9);
      accumulated += segment.errorRatio;
      values.push(Math.floor(accumulated + 1e-9) > before ? 0 : 1);
    }
  }
  const tokens: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    tokens.push(run(values[i] ?? 0, 0, j - i));
    i = j;
  }
  if (timeline.thenStale) tokens.push('stale');
  return tokens.join(' ');
}
