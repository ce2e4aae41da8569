// `flis revenue`: the project's income per year (or per municipality and year), in text, Markdown, CSV and
// JSON; html is revenue-html.ts's. With a budget, the costs, the difference and its running sum, and the
// one-line answer to Generelle vilkår pkt. 5: does the income exceed the costs? Words in the report's language;
// CSV columns and JSON keys and values the same in every language.

import type { Dialect } from '../documents/dialect.js';
import { formatDate } from '../engine/dates.js';
import { type Decimal, ZERO, formatAmount, sum } from '../engine/money.js';
import type { Municipality } from '../engine/municipalities.js';
import { REVENUE_SOURCES, type Revenue, type RevenueAmounts, type RevenueSource } from '../engine/revenue.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import { type Lang, type Texts, textsFor } from '../texts/texts.js';
import { type TableColumn, left, markdownTable, renderTable, right } from './table.js';

export type RevenueFormat = 'text' | 'md' | 'csv' | 'json' | 'html';
export const REVENUE_FORMATS: readonly RevenueFormat[] = ['text', 'md', 'csv', 'json', 'html'];

/** The costs the income must cover, per year (a budget file), and where they were read from. */
export interface Budget {
  readonly file: string;
  readonly costs: ReadonlyMap<number, Decimal>;
}

export interface RevenueReport {
  readonly revenue: Revenue;
  readonly byKommune: boolean;
  /** The inputs, as shown to the user. */
  readonly inputs: { readonly population: string; readonly roster: string; readonly forecast?: string; readonly invoices?: string; readonly tariff?: string };
  readonly budget?: Budget;
  /** The language of the report's words. */
  readonly lang: Lang;
}

/** The sources an amount comes from (those with a non-zero part), e.g. "DST", "issued+DST". */
export function basisOf(amounts: RevenueAmounts): RevenueSource[] {
  return REVENUE_SOURCES.filter((s) => !amounts.bySource[s].isZero());
}

export interface BudgetLine {
  readonly year: number;
  readonly income: Decimal;
  readonly costs: Decimal;
  /** Income less costs. */
  readonly difference: Decimal;
  /** The differences from the first year through this one. */
  readonly accumulated: Decimal;
}

export function budgetLines(report: RevenueReport): BudgetLine[] {
  const budget = report.budget;
  if (!budget) return [];
  let accumulated = ZERO;
  return report.revenue.years.map((y) => {
    const costs = budget.costs.get(y.year)!;
    const difference = y.total.minus(costs);
    accumulated = accumulated.plus(difference);
    return { year: y.year, income: y.total, costs, difference, accumulated };
  });
}

/** Generelle vilkår pkt. 5 in one line: does the income of the period exceed its costs? */
export function budgetAnswer(report: RevenueReport): string | undefined {
  const lines = budgetLines(report);
  if (lines.length === 0) return undefined;
  const { from, to } = report.revenue;
  const exceedYears = lines.filter((l) => l.accumulated.greaterThan(ZERO)).map((l) => l.year);
  const income = report.revenue.total.total;
  const costs = sum(lines.map((l) => l.costs));
  return textsFor(report.lang).revenue.answer(from, to, income, costs, income.minus(costs), exceedYears);
}

interface Row {
  readonly year: number;
  readonly municipality?: Municipality;
  readonly amounts: RevenueAmounts;
}

function rowsOf(report: RevenueReport): Row[] {
  return report.revenue.years.flatMap<Row>((y) =>
    report.byKommune ? y.municipalities.map((m) => ({ year: y.year, municipality: m.municipality, amounts: m })) : [{ year: y.year, amounts: y }],
  );
}

/** The columns of the table; the budget's beside the amounts unless `budgetColumns` is false (HTML: a table of its own). */
function columnsOf(report: RevenueReport, budgetColumns = true): TableColumn[] {
  const c = textsFor(report.lang).revenue.columns;
  return [
    left(c.year),
    ...(report.byKommune ? [left(c.code), left(c.municipality)] : []),
    ...['H1', 'H2', 'DEC', c.settlements, c.total].map(right),
    left(c.basis),
    ...(report.budget && !report.byKommune && budgetColumns ? [c.costs, c.difference, c.accumulated].map(right) : []),
  ];
}

function amountCells(a: RevenueAmounts, texts: Texts): string[] {
  return [a.runs.H1, a.runs.H2, a.runs.DEC, a.settlements, a.total].map(texts.format.amount);
}

function tableRows(report: RevenueReport, budgetColumns = true): { rows: string[][]; footer: string[][] } {
  const texts = textsFor(report.lang);
  const amount = texts.format.amount;
  const lines = budgetColumns ? budgetLines(report) : [];
  const budget = new Map(lines.map((l) => [l.year, l]));
  const budgetCells = (year: number) => {
    const line = budget.get(year);
    return line && !report.byKommune ? [line.costs, line.difference, line.accumulated].map(amount) : [];
  };
  const basis = (a: RevenueAmounts) => basisOf(a).map(texts.revenue.source).join(' + ') || '-';
  const rows = rowsOf(report).map((r) => [
    String(r.year),
    ...(r.municipality ? [r.municipality.code, r.municipality.name] : []),
    ...amountCells(r.amounts, texts),
    basis(r.amounts),
    ...budgetCells(r.year),
  ]);
  const total = report.revenue.total;
  const costs = sum(lines.map((l) => l.costs));
  const budgetTotal = lines.length > 0 && !report.byKommune ? [costs, total.total.minus(costs)].map(amount).concat(['']) : [];
  const footer = [[texts.revenue.columns.total, ...(report.byKommune ? ['', ''] : []), ...amountCells(total, texts), basis(total), ...budgetTotal]];
  return { rows, footer };
}

function heading(report: RevenueReport): string[] {
  const { from, to } = report.revenue;
  const t = textsFor(report.lang).revenue;
  const inputs = report.inputs;
  const sources = [
    t.inputs.population(inputs.population),
    t.inputs.roster(inputs.roster),
    t.inputs.forecast(inputs.forecast),
    t.inputs.invoices(inputs.invoices),
    ...(report.budget ? [t.inputs.costs(report.budget.file)] : []),
  ];
  return [t.heading(from, to, report.byKommune), t.inputs.line(sources)];
}

const CSV_AMOUNTS = ['h1', 'h2', 'dec', 'exit_settlements', 'total', ...REVENUE_SOURCES];

export function revenueCsv(report: RevenueReport, dialect: Dialect): string {
  const withBudget = report.budget !== undefined && !report.byKommune;
  const header = ['year', ...(report.byKommune ? ['kommune_code', 'kommune_name'] : []), ...CSV_AMOUNTS, 'basis', ...(withBudget ? ['costs', 'difference', 'accumulated'] : [])];
  const budget = new Map(budgetLines(report).map((l) => [l.year, l]));
  const records = rowsOf(report).map((r) => {
    const a = r.amounts;
    const line = budget.get(r.year);
    return [
      r.year,
      ...(r.municipality ? [r.municipality.code, r.municipality.name] : []),
      ...[a.runs.H1, a.runs.H2, a.runs.DEC, a.settlements, a.total, ...REVENUE_SOURCES.map((s) => a.bySource[s])].map(formatAmount),
      basisOf(a).join('+'),
      ...(withBudget && line ? [line.costs, line.difference, line.accumulated].map(formatAmount) : []),
    ];
  });
  const columns: CsvColumns = { decimals: new Set([...CSV_AMOUNTS, 'costs', 'difference', 'accumulated']), texts: new Set(['kommune_code']) };
  return toCsv(header, records, columns, dialect);
}

function amountsObject(a: RevenueAmounts): Record<string, unknown> {
  return {
    h1: formatAmount(a.runs.H1),
    h2: formatAmount(a.runs.H2),
    dec: formatAmount(a.runs.DEC),
    exit_settlements: formatAmount(a.settlements),
    total: formatAmount(a.total),
    by_source: Object.fromEntries(REVENUE_SOURCES.map((s) => [s, formatAmount(a.bySource[s])])),
    basis: basisOf(a),
  };
}

export function revenueObject(report: RevenueReport): Record<string, unknown> {
  const r = report.revenue;
  const lines = budgetLines(report);
  return {
    from: r.from,
    to: r.to,
    currency: 'DKK',
    vat: 'excluded',
    inputs: report.inputs,
    years: r.years.map((y) => ({
      year: y.year,
      ...amountsObject(y),
      ...(report.byKommune ? { municipalities: y.municipalities.map((m) => ({ kommune_code: m.municipality.code, kommune_name: m.municipality.name, ...amountsObject(m) })) } : {}),
    })),
    total: amountsObject(r.total),
    exit_settlements: r.settlements.map((s) => ({
      kommune_code: s.connection.municipality.code,
      kommune_name: s.connection.municipality.name,
      exit_date: formatDate(s.exitDate),
      total: formatAmount(s.total),
    })),
    ...(report.budget
      ? {
          budget: {
            file: report.budget.file,
            years: lines.map((l) => ({ year: l.year, income: formatAmount(l.income), costs: formatAmount(l.costs), difference: formatAmount(l.difference), accumulated: formatAmount(l.accumulated) })),
            answer: budgetAnswer(report),
          },
        }
      : {}),
  };
}

export function renderRevenue(report: RevenueReport, format: Exclude<RevenueFormat, 'html'>, dialect: Dialect = 'default'): string {
  const { rows, footer } = tableRows(report);
  const answer = budgetAnswer(report);
  const t = textsFor(report.lang).revenue;
  switch (format) {
    case 'text':
      return [...heading(report), '', renderTable(columnsOf(report), rows, footer).trimEnd(), '', ...(answer ? [answer, ''] : []), t.legend, ''].join('\n');
    case 'md':
      return [
        `# ${t.title(report.revenue.from, report.revenue.to)}`,
        '',
        ...heading(report),
        '',
        ...markdownTable(columnsOf(report), [...rows, ...footer.map((f) => f.map((cell) => (cell === '' ? '' : `**${cell}**`)))]),
        '',
        ...(answer ? [answer, ''] : []),
        t.legend,
        '',
      ].join('\n');
    case 'csv':
      return revenueCsv(report, dialect);
    case 'json':
      return `${JSON.stringify(revenueObject(report), null, 2)}\n`;
  }
}

export { heading as revenueHeading, tableRows as revenueTableRows, columnsOf as revenueColumns };
