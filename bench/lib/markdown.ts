/** Markdown tables for benchmark reports. */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fixed(value: number | undefined, digits = 1, suffix = ''): string {
  return value === undefined || Number.isNaN(value) ? '–' : `${value.toFixed(digits)}${suffix}`;
}
