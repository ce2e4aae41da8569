// CSV for machines (the default: `,`, `.`, UTF-8 without BOM, LF) or for Danish Excel (`excel-da`: `;`, decimal
// comma, UTF-8 with BOM, CRLF, codes and EANs written as text so Excel keeps them whole).

import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../errors.js';

export type Dialect = 'default' | 'excel-da';
export const DIALECTS: readonly Dialect[] = ['default', 'excel-da'];

export function parseDialect(text: string | undefined): Dialect {
  const dialect = (text ?? 'default').trim().toLowerCase();
  if (!(DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`unknown --dialect "${text}"`, `The dialects are ${DIALECTS.join(', ')}.`);
  return dialect as Dialect;
}

export interface CsvColumns {
  /** Columns holding decimal numbers ("1622634.06"): written with a decimal comma for Excel. */
  readonly decimals: ReadonlySet<string>;
  /** Columns holding digits that are not numbers (codes, EANs): written as text for Excel. */
  readonly texts: ReadonlySet<string>;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[], columns: CsvColumns, dialect: Dialect): string {
  if (dialect === 'default') {
    return stringify([[...header], ...rows.map((r) => r.map((v) => v ?? ''))], { record_delimiter: '\n' });
  }
  const cells = rows.map((row) =>
    row.map((value, i) => {
      const name = header[i]!;
      const text = value === null ? '' : String(value);
      if (text === '') return '';
      if (columns.decimals.has(name)) return text.replace('.', ',');
      if (columns.texts.has(name)) return `="${text}"`;
      return text;
    }),
  );
  return `\uFEFF${stringify([[...header], ...cells], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

/** A cell as flis wrote it in either dialect, back to its plain value: ="0101" → 0101, 1234,56 → 1234.56. */
export function plainCell(text: string, decimalComma: boolean): string {
  const t = text.trim();
  const quoted = /^="(.*)"$/.exec(t);
  if (quoted) return quoted[1]!;
  return decimalComma && /^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
}
