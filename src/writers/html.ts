// HTML for the documents flis prints (the revenue page, the exit letter): text escaped, and tables.

import type { TableColumn } from './table.js';

/** Text as HTML: every character that could start markup or end an attribute, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The style of htmlTable's tables: a rule under each row, numbers right-aligned, totals bold, no row split over two pages. */
export const TABLE_STYLE = `table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-top: 6pt; }
th, td { padding: 2pt 4pt; border-bottom: 1px solid #ddd; text-align: left; white-space: nowrap; }
th { border-bottom: 1.5px solid #333; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; border-top: 1.5px solid #333; }
tr { break-inside: avoid; }
`;

/** A table: a header row, the rows, and the footer rows (totals); right-aligned columns get class "num". */
export function htmlTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], footer: readonly (readonly string[])[]): string {
  const cell = (tag: 'td' | 'th', text: string, i: number) => `<${tag}${columns[i]?.align === 'right' ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return [
    '<table>',
    `<thead><tr>${columns.map((c, i) => cell('th', c.heading, i)).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((t, i) => cell('td', t, i)).join('')}</tr>`).join('')}</tbody>`,
    ...(footer.length > 0 ? [`<tfoot>${footer.map((r) => `<tr>${r.map((t, i) => cell('td', t, i)).join('')}</tr>`).join('')}</tfoot>`] : []),
    '</table>',
  ].join('\n');
}
