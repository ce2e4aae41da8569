// CSV written in a dialect (see dialect.ts): for machines (the default: `,`, `.`, UTF-8 without BOM, LF) or for Danish Excel (`excel-da`: `;`, decimal
// comma, UTF-8 with BOM, CRLF, codes and EANs written as text so Excel keeps them whole).

import { stringify } from 'csv-stringify/sync';
import type { Dialect } from '../documents/dialect.js';

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
