// Output for people: aligned columns, totals under the line (the cells come formatted in the reader's language,
// texts/format.ts). Not for import.

export type Align = 'left' | 'right';

export interface TableColumn {
  readonly heading: string;
  readonly align: Align;
}

/** A column of text, aligned left. */
export const left = (heading: string): TableColumn => ({ heading, align: 'left' });
/** A column of numbers, aligned right. */
export const right = (heading: string): TableColumn => ({ heading, align: 'right' });

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
