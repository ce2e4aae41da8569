// `flis revenue`: the project's income per year (or per municipality and year), in text, Markdown, CSV and
// JSON; html is revenue-html.ts's. The report is dated. With a budget, the costs, the difference and its running
// sum, and the verdict on Generelle vilkår pkt. 5 before the tables: does the income exceed the costs, and what
// follows from that in the agreement's words. With a run folder, after the amounts (what is owed): issued, to
// credit and to bill per row, and each municipality with a difference in a run the folder has issued (billing
// rules §10). In the tables for people (text, Markdown, HTML) an amount column that is zero in every row is left
// out, and a note says which; CSV and JSON keep every column. Words in the report's language; CSV columns and
// JSON keys and values the same in every language.

import type { Dialect } from '../documents/dialect.js';
import { type CalendarDate, formatDate } from '../engine/dates.js';
import { type Decimal, ZERO, formatAmount, sum } from '../engine/money.js';
import { type Municipality, municipalityByCode } from '../engine/municipalities.js';
import { type Balance, type Cell, COLUMNS, type Column, NO_BALANCE, differences } from '../engine/reconcile.js';
import { REVENUE_SOURCES, type Reconciled, type Revenue, type RevenueAmounts, type RevenueSource } from '../engine/revenue.js';
import type { SolvedPrice } from '../engine/solve-price.js';
import { balanceObject } from './exit-report.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import { type FiguresSource, type Lang, type Texts, textsFor } from '../texts/texts.js';
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
  /** The inputs, as shown to the user: the paths the JSON gives the operator (the text, Markdown and HTML name `sources`). */
  readonly inputs: { readonly population: string; readonly roster: string; readonly forecast?: string; readonly invoices?: string; readonly tariff?: string };
  /** Where the figures come from as the reader knows them, and how many municipalities the roster has. */
  readonly sources: { readonly population: FiguresSource; readonly forecast?: FiguresSource; readonly municipalities: number };
  readonly budget?: Budget;
  /** The day the report was made. */
  readonly made: CalendarDate;
  /** The §5 price, where asked for (--solve-price-from): the highest price from a day at which the income stays within the costs. */
  readonly solved?: SolvedPrice;
  /** The language of the report's words. */
  readonly lang: Lang;
}

/** The population bases an amount comes from (those with a non-zero part), e.g. "DST", "DST+carried forward". */
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

/** The period's income less its costs (none without a budget). */
function surplusOf(report: RevenueReport): { readonly income: Decimal; readonly costs: Decimal; readonly difference: Decimal; readonly lines: BudgetLine[] } | undefined {
  const lines = budgetLines(report);
  if (lines.length === 0) return undefined;
  const income = report.revenue.total.total;
  const costs = sum(lines.map((l) => l.costs));
  return { income, costs, difference: income.minus(costs), lines };
}

/** Generelle vilkår pkt. 5 in one sentence: does the income of the period exceed its costs? */
export function budgetAnswer(report: RevenueReport): string | undefined {
  const surplus = surplusOf(report);
  if (!surplus) return undefined;
  const { from, to } = report.revenue;
  const exceedYears = surplus.lines.filter((l) => l.accumulated.greaterThan(ZERO)).map((l) => l.year);
  return textsFor(report.lang).revenue.answer(from, to, surplus.income, surplus.costs, surplus.difference, exceedYears);
}

/** Whether the income of the period exceeds its costs (undefined without a budget). */
export function budgetExceeded(report: RevenueReport): boolean | undefined {
  return surplusOf(report)?.difference.greaterThan(ZERO);
}

/** The §5 price in one sentence, where it was asked for. */
export function solvedPriceAnswer(report: RevenueReport): string | undefined {
  if (!report.solved) return undefined;
  return textsFor(report.lang).revenue.solvedPrice(report.solved, report.revenue);
}

/**
 * The verdict on the budget, a paragraph each, in the order every format shows them: the answer, what follows
 * from it in the agreement's words, and the §5 price where it was asked for. A further finding on the budget is
 * one more paragraph here, and every format shows it.
 */
export function budgetVerdict(report: RevenueReport): string[] {
  const answer = budgetAnswer(report);
  if (answer === undefined) return [];
  const solved = solvedPriceAnswer(report);
  return [answer, textsFor(report.lang).revenue.consequence(budgetExceeded(report)!), ...(solved ? [solved] : [])];
}

/** The §5 price as JSON: the price (null where none suffices), and the incomes that prove it. */
function solvedObject(s: SolvedPrice): Record<string, unknown> {
  return {
    solved_price_from: formatDate(s.from),
    solved_price_outcome: s.outcome,
    solved_price_per_citizen: s.outcome === 'none' ? null : s.price.toFixed(2),
    maximum_price_per_citizen: s.ceiling.toFixed(2),
    costs: formatAmount(s.costs),
    income_at_solved_price: formatAmount(s.income),
    ...(s.incomeAbove ? { income_at_one_ore_more: formatAmount(s.incomeAbove) } : {}),
    ...(s.outcome === 'none' ? { income_at_zero: formatAmount(s.income) } : {}),
  };
}

export interface Row {
  readonly year: number;
  readonly municipality?: Municipality;
  readonly amounts: RevenueAmounts;
  /** With a run folder: issued against owed. */
  readonly reconciled?: Reconciled;
}

const NOTHING_OWED: RevenueAmounts = {
  runs: { H1: ZERO, H2: ZERO, DEC: ZERO },
  settlements: ZERO,
  total: ZERO,
  bySource: Object.fromEntries(REVENUE_SOURCES.map((s) => [s, ZERO])) as Record<RevenueSource, Decimal>,
};
const NOTHING_RECONCILED: Reconciled = { columns: Object.fromEntries(COLUMNS.map((c) => [c, NO_BALANCE])) as Record<Column, Balance>, total: NO_BALANCE };

/**
 * A row per year, or per year and municipality: every municipality owed anything in the year and, with a run
 * folder, every one it has issued anything to (owed nothing, all of it to credit).
 */
export function rowsOf(report: RevenueReport): Row[] {
  return report.revenue.years.flatMap<Row>((y) => {
    if (!report.byKommune) return [{ year: y.year, amounts: y, ...(y.reconciled ? { reconciled: y.reconciled } : {}) }];
    const owed = new Map(y.municipalities.map((m) => [m.municipality.code, m]));
    const reconciled = new Map((y.reconciled?.municipalities ?? []).map((m) => [m.municipality.code, m]));
    const all = [...y.municipalities.map((m) => m.municipality), ...(y.reconciled?.municipalities ?? []).map((m) => m.municipality).filter((m) => !owed.has(m.code))];
    return all
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((municipality) => ({
        year: y.year,
        municipality,
        amounts: owed.get(municipality.code) ?? NOTHING_OWED,
        ...(y.reconciled ? { reconciled: reconciled.get(municipality.code) ?? NOTHING_RECONCILED } : {}),
      }));
  });
}

/** An amount column of the tables for people: its heading and its amount. */
interface AmountColumn {
  readonly heading: string;
  readonly of: (a: RevenueAmounts) => Decimal;
}

/**
 * The amount columns of the tables for people: H1, H2, DEC and the exit settlements where any row has an amount
 * in them (`omitted` names the others, for a note), and the total always.
 */
function amountColumns(report: RevenueReport): { shown: AmountColumn[]; omitted: string[] } {
  const c = textsFor(report.lang).revenue.columns;
  const optional: AmountColumn[] = [
    { heading: 'H1', of: (a) => a.runs.H1 },
    { heading: 'H2', of: (a) => a.runs.H2 },
    { heading: 'DEC', of: (a) => a.runs.DEC },
    { heading: c.settlements, of: (a) => a.settlements },
  ];
  const rows = rowsOf(report);
  const used = (column: AmountColumn) => rows.some((r) => !column.of(r.amounts).isZero());
  return {
    shown: [...optional.filter(used), { heading: c.total, of: (a) => a.total }],
    omitted: optional.filter((column) => !used(column)).map((column) => column.heading),
  };
}

/** The note under the amounts table when a column is left out (none when every column is shown). */
export function omittedNote(report: RevenueReport): string | undefined {
  const { omitted } = amountColumns(report);
  return omitted.length === 0 ? undefined : textsFor(report.lang).revenue.omitted(omitted);
}

/** The columns of the table; the budget's beside the amounts unless `budgetColumns` is false (HTML: a table of its own). */
function columnsOf(report: RevenueReport, budgetColumns = true): TableColumn[] {
  const c = textsFor(report.lang).revenue.columns;
  return [
    left(c.year),
    ...(report.byKommune ? [left(c.code), left(c.municipality)] : []),
    ...amountColumns(report).shown.map((column) => right(column.heading)),
    left(c.basis),
    ...(report.budget && !report.byKommune && budgetColumns ? [c.costs, c.difference, c.accumulated].map(right) : []),
  ];
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
  const { shown } = amountColumns(report);
  const amountCells = (a: RevenueAmounts) => shown.map((column) => amount(column.of(a)));
  const rows = rowsOf(report).map((r) => [
    String(r.year),
    ...(r.municipality ? [r.municipality.code, r.municipality.name] : []),
    ...amountCells(r.amounts),
    basis(r.amounts),
    ...budgetCells(r.year),
  ]);
  const total = report.revenue.total;
  const costs = sum(lines.map((l) => l.costs));
  const budgetTotal = lines.length > 0 && !report.byKommune ? [costs, total.total.minus(costs)].map(amount).concat(['']) : [];
  const footer = [[texts.revenue.columns.total, ...(report.byKommune ? ['', ''] : []), ...amountCells(total), basis(total), ...budgetTotal]];
  return { rows, footer };
}

function heading(report: RevenueReport): string[] {
  const { from, to } = report.revenue;
  const texts = textsFor(report.lang);
  const t = texts.revenue;
  const { population, forecast, municipalities } = report.sources;
  const sources = [
    t.inputs.population(texts.sources.population(population)),
    t.inputs.roster(municipalities),
    t.inputs.forecast(forecast && texts.sources.forecast(forecast)),
    t.inputs.invoices(report.inputs.invoices !== undefined),
    ...(report.budget ? [t.inputs.costs] : []),
  ];
  return [t.heading(from, to, report.byKommune), t.inputs.line(sources)];
}

/** The column names of a reconciled column in CSV and JSON: that of its amount (`h1`, …, `exit_settlements`). */
const COLUMN_KEYS: Readonly<Record<Column, string>> = { H1: 'h1', H2: 'h2', DEC: 'dec', settlement: 'exit_settlements' };

/** With a run folder: owed, issued, to credit and to bill, in the order every table of the report shows them. */
const balanceCells = (b: Balance, texts: Texts): string[] => [b.owed, b.issued, b.toCredit, b.toBill].map(texts.format.amount);

function reconciliationColumns(report: RevenueReport): TableColumn[] {
  const t = textsFor(report.lang).revenue;
  const r = t.reconciliation.columns;
  return [left(t.columns.year), ...(report.byKommune ? [left(t.columns.code), left(t.columns.municipality)] : []), ...[r.owed, r.issued, r.toCredit, r.toBill].map(right)];
}

/** The issued-and-owed table: a row per row of the amounts table, and the period's total; none without a run folder. */
function reconciliationRows(report: RevenueReport): { rows: string[][]; footer: string[][] } | undefined {
  const total = report.revenue.reconciliation?.total;
  if (!total) return undefined;
  const texts = textsFor(report.lang);
  const rows = rowsOf(report).map((r) => [String(r.year), ...(r.municipality ? [r.municipality.code, r.municipality.name] : []), ...balanceCells(r.reconciled!.total, texts)]);
  const footer = [[texts.revenue.columns.total, ...(report.byKommune ? ['', ''] : []), ...balanceCells(total.total, texts)]];
  return { rows, footer };
}

function differenceColumns(texts: Texts): TableColumn[] {
  const c = texts.revenue.columns;
  const r = texts.revenue.reconciliation.columns;
  return [left(c.year), left(r.run), left(c.code), left(c.municipality), left(r.invoice), ...[r.owed, r.issued, r.toCredit, r.toBill].map(right)];
}

/** Each municipality with something to credit or to bill in a run the folder has issued, or a settlement to bill. */
function differenceRows(cells: readonly Cell[], texts: Texts): string[][] {
  return cells.map((c) => [
    String(c.year),
    c.column === 'settlement' ? texts.revenue.reconciliation.settlement : c.column,
    c.code,
    municipalityByCode(c.code)!.name,
    c.invoice?.invoiceNumber ?? '-',
    ...balanceCells(c, texts),
  ]);
}

/** The reconciliation in a format's own way of drawing a table: the sentences and tables after the amounts. */
function reconciliationParts(
  report: RevenueReport,
  table: (columns: TableColumn[], rows: string[][], footer: string[][]) => string[],
  paragraph: (text: string) => string = (text) => text,
): string[] {
  const reconciliation = report.revenue.reconciliation;
  const summary = reconciliationRows(report);
  if (!reconciliation || !summary) return [];
  const texts = textsFor(report.lang);
  const t = texts.revenue.reconciliation;
  const { named, notIssued } = differences(reconciliation.cells);
  return [
    paragraph(t.heading),
    '',
    ...table(reconciliationColumns(report), summary.rows, summary.footer),
    '',
    ...(named.length > 0
      ? [paragraph(t.differencesHeading), '', ...table(differenceColumns(texts), differenceRows(named, texts), []), '']
      : [paragraph(t.noDifferences), '']),
    ...(notIssued.length > 0 ? [paragraph(t.notIssued(notIssued)), ''] : []),
  ];
}

const textTable = (columns: TableColumn[], rows: string[][], footer: string[][]): string[] => [renderTable(columns, rows, footer).trimEnd()];
const mdTable = (columns: TableColumn[], rows: string[][], footer: string[][]): string[] =>
  markdownTable(columns, [...rows, ...footer.map((f) => f.map((cell) => (cell === '' ? '' : `**${cell}**`)))]);

const CSV_AMOUNTS = ['h1', 'h2', 'dec', 'exit_settlements', 'total', ...REVENUE_SOURCES];
/** With a run folder: issued, to credit and to bill per column, then in all. */
const CSV_RECONCILED = [...COLUMNS.flatMap((c) => ['issued', 'to_credit', 'to_bill'].map((k) => `${k}_${COLUMN_KEYS[c]}`)), 'issued', 'to_credit', 'to_bill'];

function reconciledCsv(r: Reconciled): string[] {
  const three = (b: Balance) => [b.issued, b.toCredit, b.toBill].map(formatAmount);
  return [...COLUMNS.flatMap((c) => three(r.columns[c])), ...three(r.total)];
}

export function revenueCsv(report: RevenueReport, dialect: Dialect): string {
  const withBudget = report.budget !== undefined && !report.byKommune;
  const withIssued = report.revenue.reconciliation !== undefined;
  const header = [
    'year',
    ...(report.byKommune ? ['kommune_code', 'kommune_name'] : []),
    ...CSV_AMOUNTS,
    'basis',
    ...(withIssued ? CSV_RECONCILED : []),
    ...(withBudget ? ['costs', 'difference', 'accumulated'] : []),
  ];
  const budget = new Map(budgetLines(report).map((l) => [l.year, l]));
  const records = rowsOf(report).map((r) => {
    const a = r.amounts;
    const line = budget.get(r.year);
    return [
      r.year,
      ...(r.municipality ? [r.municipality.code, r.municipality.name] : []),
      ...[a.runs.H1, a.runs.H2, a.runs.DEC, a.settlements, a.total, ...REVENUE_SOURCES.map((s) => a.bySource[s])].map(formatAmount),
      basisOf(a).join('+'),
      ...(withIssued ? reconciledCsv(r.reconciled!) : []),
      ...(withBudget && line ? [line.costs, line.difference, line.accumulated].map(formatAmount) : []),
    ];
  });
  const columns: CsvColumns = { decimals: new Set([...CSV_AMOUNTS, ...CSV_RECONCILED, 'costs', 'difference', 'accumulated']), texts: new Set(['kommune_code']) };
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

/** With a run folder: issued against owed per column (`h1`, …, `exit_settlements`) and in all. */
function reconciledObject(r: Reconciled): Record<string, unknown> {
  return { ...Object.fromEntries(COLUMNS.map((c) => [COLUMN_KEYS[c], balanceObject(r.columns[c])])), total: balanceObject(r.total) };
}

function cellObject(c: Cell): Record<string, unknown> {
  return {
    year: c.year,
    run: c.column === 'settlement' ? 'exit_settlement' : c.column,
    kommune_code: c.code,
    kommune_name: municipalityByCode(c.code)!.name,
    invoice_number: c.invoice?.invoiceNumber ?? null,
    ...balanceObject(c),
  };
}

export function revenueObject(report: RevenueReport): Record<string, unknown> {
  const r = report.revenue;
  const lines = budgetLines(report);
  const verdict = budgetVerdict(report);
  return {
    from: r.from,
    to: r.to,
    made: formatDate(report.made),
    currency: 'DKK',
    vat: 'excluded',
    inputs: report.inputs,
    years: r.years.map((y) => ({
      year: y.year,
      ...amountsObject(y),
      ...(y.reconciled ? { reconciled: reconciledObject(y.reconciled) } : {}),
      ...(report.byKommune
        ? {
            municipalities: rowsOf(report)
              .filter((row) => row.year === y.year)
              .map((row) => ({
                kommune_code: row.municipality!.code,
                kommune_name: row.municipality!.name,
                ...amountsObject(row.amounts),
                ...(row.reconciled ? { reconciled: reconciledObject(row.reconciled) } : {}),
              })),
          }
        : {}),
    })),
    total: amountsObject(r.total),
    ...(r.reconciliation
      ? (() => {
          const { named, notIssued } = differences(r.reconciliation.cells);
          return {
            reconciled: reconciledObject(r.reconciliation.total),
            differences: named.map(cellObject),
            runs_not_issued: notIssued.map((n) => ({ year: n.year, run: n.run, to_bill: formatAmount(n.toBill), municipalities: n.municipalities })),
          };
        })()
      : {}),
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
            exceeded: budgetExceeded(report),
            answer: verdict[0],
            consequence: verdict[1],
            ...(report.solved ? solvedObject(report.solved) : {}),
          },
        }
      : {}),
  };
}

/** Lines of a part of a document, followed by a blank line; nothing for no lines. */
const sections = (lines: string[]): string[] => (lines.length === 0 ? [] : [...lines, '']);

/** The verdict on the budget under its heading, in a format's own way of writing them; nothing without a budget. */
function verdictParts(report: RevenueReport, headingOf: (text: string) => string, paragraph: (text: string) => string = (text) => text): string[] {
  const verdict = budgetVerdict(report);
  if (verdict.length === 0) return [];
  return [headingOf(textsFor(report.lang).revenue.verdictHeading), '', ...verdict.flatMap((text) => [paragraph(text), '']).slice(0, -1)];
}

export function renderRevenue(report: RevenueReport, format: Exclude<RevenueFormat, 'html'>, dialect: Dialect = 'default'): string {
  const { rows, footer } = tableRows(report);
  const t = textsFor(report.lang).revenue;
  const omitted = omittedNote(report);
  /** The report for people: its heading and date, the verdict, the amounts, the reconciliation, the legend. */
  const document = (title: string[], headingOf: (text: string) => string, table: typeof textTable): string =>
    [
      ...title,
      ...heading(report),
      t.made(report.made),
      '',
      ...sections(verdictParts(report, headingOf)),
      ...table(columnsOf(report), rows, footer),
      '',
      ...(omitted ? [omitted, ''] : []),
      ...reconciliationParts(report, table),
      t.legend(report.sources.population.latest === true),
      '',
    ].join('\n');
  switch (format) {
    case 'text':
      return document([], (text) => text, textTable);
    case 'md':
      return document([`# ${t.title(report.revenue.from, report.revenue.to)}`, ''], (text) => `## ${text}`, mdTable);
    case 'csv':
      return revenueCsv(report, dialect);
    case 'json':
      return `${JSON.stringify(revenueObject(report), null, 2)}\n`;
  }
}

export { heading as revenueHeading, tableRows as revenueTableRows, columnsOf as revenueColumns, reconciliationParts as revenueReconciliation, verdictParts as revenueVerdict };
