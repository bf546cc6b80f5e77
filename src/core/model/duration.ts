/** Durations in the Prometheus style ("5m", "1h30m", "30d"), kept as whole seconds or milliseconds. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const DURATION_PATTERN = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;

/** Parses "1h30m" into milliseconds; returns undefined when the text is not a Prometheus duration. */
export function parseDurationMs(text: string): number | undefined {
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  let total = 0;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  units.forEach((unit, index) => {
    const value = match[index * 2 + 2];
    if (value !== undefined) total += Number(value) * (UNIT_MS[unit] ?? 0);
  });
  return total;
}

/** Generators render the same few windows and eval times thousands of times. */
const formatted = new Map<number, string>();

/** Renders milliseconds as the shortest Prometheus duration, largest units first (no weeks or years). */
export function formatDuration(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = durationText(ms);
    if (formatted.size < 10_000) formatted.set(ms, text);
  }
  return text;
}

function durationText(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let text = '';
  for (const unit of ORDER) {
    if (unit === 'y' || unit === 'w') continue;
    const size = UNIT_MS[unit] ?? 1;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

/** Parses a latency threshold such as "300ms" or "1.5s" into seconds. */
export function parseLatencySeconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2];
  if (unit === 'ms') return value / 1000;
  if (unit === 'm') return value * 60;
  return value;
}
