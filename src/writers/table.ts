// Output for people: aligned columns, thousands separated, totals under the line. Not for import.

import type { DayRange } from '../engine/billable.js';
import { formatDate } from '../engine/dates.js';
import { type Decimal, formatAmount } from '../engine/money.js';

export type Align = 'left' | 'right';

export interface TableColumn {
  readonly heading: string;
  readonly align: Align;
}

/** "1610606.50" → "1,610,606.50"; "659350" → "659,350". Text only: no arithmetic. */
export function groupThousands(plain: string): string {
  const negative = plain.startsWith('-');
  const [whole, fraction] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An amount for people: "1,610,606.50". */
export function amountForPeople(amount: Decimal): string {
  return groupThousands(formatAmount(amount));
}

/** A count of citizens for people: "659,350". */
export function countForPeople(count: number): string {
  return groupThousands(String(count));
}

/** A period for people: "2024-01-01 – 2024-06-30". */
export function periodForPeople(period: DayRange): string {
  return `${formatDate(period.from)} – ${formatDate(period.to)}`;
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Rows under a heading, a rule, and optional footer rows under a second rule. */
export function renderTable(columns: readonly TableColumn[], rows: readonly string[][], footer: readonly string[][] = []): string {
  const sizes = columns.map((c, i) => Math.max(width(c.heading), ...[...rows, ...footer].map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => pad(cells[i] ?? '', sizes[i]!, c.align))
      .join('  ')
      .trimEnd();
  const rule = sizes.map((s) => '─'.repeat(s)).join('  ').trimEnd();
  const out = [line(columns.map((c) => c.heading)), rule, ...rows.map(line)];
  if (footer.length > 0) out.push(rule, ...footer.map(line));
  return `${out.join('\n')}\n`;
}

/** The same rows as a Markdown table (pipes in cells escaped). */
export function markdownTable(columns: readonly TableColumn[], rows: readonly string[][]): string[] {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${columns.map((c) => c.heading).join(' | ')} |`,
    `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ];
}
