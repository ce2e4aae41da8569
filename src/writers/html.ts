// HTML for the documents flis prints (the revenue page, the exit letter): text escaped, and tables.

import type { TableColumn } from './table.js';

/** Text as HTML: every character that could start markup or end an attribute, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

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
