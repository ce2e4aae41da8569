// The CSV dialects flis writes, by name: `default` for machines, `excel-da` for Danish Excel. Kept apart from
// the CSV writer so that naming a dialect does not load csv-stringify.

import { UsageError } from '../errors.js';

export type Dialect = 'default' | 'excel-da';
export const DIALECTS: readonly Dialect[] = ['default', 'excel-da'];

export function parseDialect(text: string | undefined): Dialect {
  const dialect = (text ?? 'default').trim().toLowerCase();
  if (!(DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`unknown --dialect "${text}"`, `The dialects are ${DIALECTS.join(', ')}.`);
  return dialect as Dialect;
}

/** A cell as flis wrote it in either dialect, back to its plain value: ="0101" → 0101, 1234,56 → 1234.56. */
export function plainCell(text: string, decimalComma: boolean): string {
  const t = text.trim();
  const quoted = /^="(.*)"$/.exec(t);
  if (quoted) return quoted[1]!;
  return decimalComma && /^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
}
