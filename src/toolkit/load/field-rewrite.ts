/** Rewrites field paths by their longest matching prefix, e.g. from a converted form back to what the author wrote. */
import type { FieldRewrite } from '../../core/diagnostics/problem.js';

function below(field: string, prefix: string): boolean {
  return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}

/** `pairs` map a prefix to its replacement; the rest of the path is kept. */
export function prefixRewrite(pairs: Readonly<Record<string, string>>): FieldRewrite {
  const prefixes = Object.keys(pairs).sort((a, b) => b.length - a.length);
  return (field) => {
    const prefix = prefixes.find((p) => below(field, p));
    return prefix === undefined ? field : `${pairs[prefix] as string}${field.slice(prefix.length)}`;
  };
}
