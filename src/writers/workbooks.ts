// The workbooks of the commands (--format xlsx of flis exit and flis revenue; the run folder's with flis
// invoice --out DIR --xlsx): the same figures as the CSV of each, under the headers of the report's language,
// and an "Om data" sheet with what the report says of them, the sources and the clauses. xlsx.ts writes them.

import { Decimal, formatAmount, formatExact, sum } from '../engine/money.js';
import { type CalendarDate, parseIsoDate } from '../engine/dates.js';
import { describeMunicipality, municipalityByCode } from '../engine/municipalities.js';
import { type Balance, type Cell as ReconciledCell, differences, sumBalances } from '../engine/reconcile.js';
import type { Settlement } from '../engine/settlement.js';
import { COUNT_FIELDS, DECIMAL_FIELDS, INVOICE_FIELDS, type InvoiceField, type InvoiceRow } from '../documents/invoice-document.js';
import { type FiguresSource, type Texts, textsFor } from '../texts/texts.js';
import { type ExitReport, assumptions, keyFigures, monthsText } from './exit-report.js';
import { type ExitOverview, overviewTotal, sources as populationBases } from './exit-overview.js';
import { type RevenueReport, basisOf, budgetLines, budgetVerdict, rowsOf } from './revenue-report.js';
import { type AboutPart, type Cell, type Sheet, type Workbook, amount, count, day, exact, plain, rate } from './xlsx.js';

export { workbookBytes } from './xlsx.js';

/** What the figures were computed from, for the "Om data" sheet: each source named as the documents name it. */
export interface WorkbookSources {
  readonly population: FiguresSource;
  readonly forecast?: FiguresSource;
  /** The municipalities on the roster. */
  readonly roster: number;
  readonly tariff: { readonly name: string; readonly builtIn: boolean };
  /** Whether documents issued in a run folder were compared. */
  readonly issued: boolean;
  readonly costs: boolean;
}

/** The sources of a command's loaded inputs (commands/load.ts LoadedInputs), and whether a run folder and costs were read. */
export function sourcesOf(
  inputs: { readonly populationSource: FiguresSource; readonly forecastSource?: FiguresSource; readonly roster: { readonly connections: readonly unknown[] }; readonly tariff: { readonly name: string }; readonly tariffFile?: string },
  read: { readonly issued: boolean; readonly costs: boolean },
): WorkbookSources {
  return {
    population: inputs.populationSource,
    ...(inputs.forecastSource ? { forecast: inputs.forecastSource } : {}),
    roster: inputs.roster.connections.length,
    tariff: { name: inputs.tariff.name, builtIn: inputs.tariffFile === undefined },
    ...read,
  };
}

function sourceLines(sources: WorkbookSources, texts: Texts): string[] {
  const s = texts.workbook.sources;
  return [
    texts.sources.population(sources.population),
    ...(sources.forecast ? [texts.sources.forecast(sources.forecast)] : []),
    s.roster(sources.roster),
    s.tariff(sources.tariff.name, sources.tariff.builtIn),
    ...(sources.issued ? [s.issued] : []),
    ...(sources.costs ? [s.costs] : []),
  ];
}

/** The parts every "Om data" sheet ends with: the sources, the clauses, and who wrote it. */
function closingParts(sources: WorkbookSources, texts: Texts, version: string): AboutPart[] {
  const w = texts.workbook;
  return [
    { heading: w.about.sources, lines: sourceLines(sources, texts) },
    { heading: w.about.clauses, lines: w.clauses },
    { heading: w.about.writtenBy, lines: [w.writtenBy(version)] },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// flis exit

/** The year lines of settlements, with the municipality's code and name where there are several. */
function yearSheet(name: string, settlements: readonly Settlement[], withMunicipality: boolean, texts: Texts): Sheet {
  const c = texts.exitReport.columns;
  const w = texts.workbook.columns;
  const lead = (s: Settlement): Cell[] => (withMunicipality ? [s.connection.municipality.code, s.connection.municipality.name] : []);
  return {
    name,
    columns: [...(withMunicipality ? [w.code, w.municipality] : []), c.year, w.from, w.to, c.population, c.basis, c.annualFee, c.months, c.amount].map((header) => ({ header })),
    rows: settlements.flatMap((s) =>
      s.years.map((y) => [
        ...lead(s),
        plain(y.year),
        day(y.period.from),
        day(y.period.to),
        count(y.population),
        texts.exitReport.basis(y.populationSource, y.populationYear),
        exact(formatExact(y.annualFee)),
        plain(monthsText(y)),
        amount(formatAmount(y.amount)),
      ]),
    ),
    totals: [[texts.exitReport.total, ...Array<Cell>(withMunicipality ? 8 : 6).fill(null), amount(formatAmount(sum(settlements.map((s) => s.total))))]],
  };
}

const balanceCells = (b: Balance): Cell[] => [b.issued, b.owed, b.toCredit, b.toBill].map((a) => amount(formatAmount(a)));

/** With a run folder: each run from the exit year on, issued against owed. */
function comparedSheet(cells: readonly ReconciledCell[], texts: Texts): Sheet {
  const c = texts.exitReport.creditColumns;
  const w = texts.workbook.columns;
  return {
    name: texts.workbook.sheets.compared,
    columns: [c.run, w.from, w.to, c.invoice, c.issued, c.owed, c.toCredit, c.toBill].map((header) => ({ header })),
    rows: cells.map((cell) => [`${cell.year} ${cell.column}`, day(cell.period?.from), day(cell.period?.to), cell.invoice?.invoiceNumber ?? null, ...balanceCells(cell)]),
    totals: [[texts.exitReport.total, null, null, null, ...balanceCells(sumBalances(cells))]],
  };
}

export function exitWorkbook(report: ExitReport, sources: WorkbookSources, version: string): Workbook {
  const texts = textsFor(report.lang);
  const s = report.settlement;
  const sheets = [yearSheet(texts.workbook.sheets.settlement, [s], false, texts), ...(report.reconciliation ? [comparedSheet(report.reconciliation, texts)] : [])];
  return {
    lang: report.lang,
    sheets,
    about: {
      title: texts.exitReport.title(describeMunicipality(s.connection.municipality)),
      parts: [
        { heading: texts.workbook.about.figures, lines: keyFigures(report).map((k) => `${k.label} ${k.value}`) },
        { heading: texts.exitReport.howComputed, lines: assumptions(report) },
        ...closingParts(sources, texts, version),
      ],
    },
  };
}

export function exitOverviewWorkbook(overview: ExitOverview, sources: WorkbookSources, version: string): Workbook {
  const texts = textsFor(overview.lang);
  const c = texts.exitOverview.columns;
  const w = texts.workbook;
  const settlements = overview.reports.map((r) => r.settlement);
  const compared = overview.reports.some((r) => r.reconciliation !== undefined);
  const toCreditAndBill = (b: Balance | undefined): Cell[] => (compared ? [b?.toCredit, b?.toBill].map((a) => (a ? amount(formatAmount(a)) : null)) : []);
  const issued = compared ? sumBalances(overview.reports.flatMap((r) => r.reconciliation ?? [])) : undefined;
  const main: Sheet = {
    name: w.sheets.settlements,
    columns: [c.code, c.municipality, c.from, w.columns.firstYear, w.columns.lastYear, c.basis, c.settlement, ...(compared ? [c.toCredit, c.toBill] : [])].map((header) => ({ header })),
    rows: overview.reports.map((r) => {
      const s = r.settlement;
      return [
        s.connection.municipality.code,
        s.connection.municipality.name,
        day(s.from),
        s.years.length > 0 ? plain(s.years[0]!.year) : null,
        s.years.length > 0 ? plain(s.years[s.years.length - 1]!.year) : null,
        s.years.length > 0 ? populationBases(s, texts.exitOverview.source) : null,
        amount(formatAmount(s.total)),
        ...toCreditAndBill(r.reconciliation && sumBalances(r.reconciliation)),
      ];
    }),
    totals: [[texts.exitReport.total, null, null, null, null, null, amount(formatAmount(overviewTotal(overview))), ...toCreditAndBill(issued)]],
  };
  const t = texts.exitOverview;
  const left = overview.alreadyLeft.map((l) => t.left(l.municipality.name, l.municipality.code, l.exitDate));
  return {
    lang: overview.lang,
    sheets: [main, yearSheet(w.sheets.years, settlements, true, texts)],
    about: {
      title: t.title(overview.exitDate),
      parts: [
        {
          heading: w.about.figures,
          lines: [
            t.heading(overview.exitDate, overview.periodEnd),
            t.count(overview.reports.length, overviewTotal(overview)),
            t.legend(overview.population.latest === true),
            ...(compared ? [t.runsCompared] : []),
            ...(left.length > 0 ? [t.notIncluded(left)] : []),
            `${texts.exitReport.labels.made} ${texts.exitReport.made(overview.made)}`,
          ],
        },
        ...closingParts(sources, texts, version),
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// flis revenue

export function revenueWorkbook(report: RevenueReport, sources: WorkbookSources, version: string): Workbook {
  const texts = textsFor(report.lang);
  const t = texts.revenue;
  const w = texts.workbook;
  const byKommune = report.byKommune;
  const withBudget = report.budget !== undefined && !byKommune;
  const lines = new Map(budgetLines(report).map((l) => [l.year, l]));
  const money = (a: Decimal): Cell => amount(formatAmount(a));
  const basis = (a: Parameters<typeof basisOf>[0]): Cell => basisOf(a).map(t.source).join(' + ') || null;
  const rows = rowsOf(report);
  const lead = (r: (typeof rows)[number]): Cell[] => [plain(r.year), ...(byKommune ? [r.municipality!.code, r.municipality!.name] : [])];
  const blanks = byKommune ? [null, null] : [];
  const amounts = (a: Parameters<typeof basisOf>[0]): Cell[] => [a.runs.H1, a.runs.H2, a.runs.DEC, a.settlements, a.total].map(money);
  const leadColumns = [t.columns.year, ...(byKommune ? [t.columns.code, t.columns.municipality] : [])];
  const total = report.revenue.total;
  const costs = sum([...lines.values()].map((l) => l.costs));
  const income: Sheet = {
    name: w.sheets.revenue,
    columns: [...leadColumns, 'H1', 'H2', 'DEC', t.columns.settlements, t.columns.total, t.columns.basis, ...(withBudget ? [t.columns.costs, t.columns.difference, t.columns.accumulated] : [])].map((header) => ({ header })),
    rows: rows.map((r) => {
      const line = lines.get(r.year);
      return [...lead(r), ...amounts(r.amounts), basis(r.amounts), ...(withBudget && line ? [line.costs, line.difference, line.accumulated].map(money) : [])];
    }),
    totals: [[t.columns.total, ...blanks, ...amounts(total), basis(total), ...(withBudget ? [money(costs), money(total.total.minus(costs)), null] : [])]],
  };
  const sheets: Sheet[] = [income];
  const reconciliation = report.revenue.reconciliation;
  const r = t.reconciliation.columns;
  const owedFirst = (b: Balance): Cell[] => [b.owed, b.issued, b.toCredit, b.toBill].map(money);
  if (reconciliation) {
    sheets.push({
      name: w.sheets.compared,
      columns: [...leadColumns, r.owed, r.issued, r.toCredit, r.toBill].map((header) => ({ header })),
      rows: rows.map((row) => [...lead(row), ...owedFirst(row.reconciled!.total)]),
      totals: [[t.columns.total, ...blanks, ...owedFirst(reconciliation.total.total)]],
    });
    sheets.push({
      name: w.sheets.differences,
      columns: [t.columns.year, r.run, t.columns.code, t.columns.municipality, r.invoice, r.owed, r.issued, r.toCredit, r.toBill].map((header) => ({ header })),
      rows: differences(reconciliation.cells).named.map((c) => [
        plain(c.year),
        c.column === 'settlement' ? t.reconciliation.settlement : c.column,
        c.code,
        municipalityByCode(c.code)?.name ?? c.code,
        c.invoice?.invoiceNumber ?? null,
        ...owedFirst(c),
      ]),
    });
  }
  const notIssued = reconciliation ? differences(reconciliation.cells).notIssued : [];
  return {
    lang: report.lang,
    sheets,
    about: {
      title: t.title(report.revenue.from, report.revenue.to),
      parts: [
        {
          heading: w.about.figures,
          lines: [t.heading(report.revenue.from, report.revenue.to, byKommune), t.made(report.made), ...budgetVerdict(report), t.legend(report.sources.population.latest === true), ...(notIssued.length > 0 ? [t.reconciliation.notIssued(notIssued)] : [])],
        },
        ...closingParts(sources, texts, version),
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The run folder: flis invoice --out DIR --xlsx

const DATE_FIELDS: readonly InvoiceField[] = ['issue_date', 'due_date', 'period_from', 'period_to', 'population_date'];

function invoiceCell(field: InvoiceField, value: string, texts: Texts): Cell {
  if (value === '') return null;
  if (DATE_FIELDS.includes(field)) {
    const date: CalendarDate | undefined = parseIsoDate(value);
    if (!date) throw new RangeError(`${field}: "${value}" is not a date`);
    return day(date);
  }
  if (COUNT_FIELDS.includes(field)) return count(value);
  if (field === 'vat_rate') return rate(value);
  if (field === 'price_per_citizen' || field === 'annual_fee') return exact(value);
  if (DECIMAL_FIELDS.includes(field)) return amount(value);
  if (field === 'document_type') return texts.workbook.documentType(value);
  return value;
}

export interface InvoiceWorkbookRequest {
  readonly rows: readonly InvoiceRow[];
  /** The sheet's title on "Om data": the run summary's. */
  readonly title: string;
  /** A correction's changes, in words. */
  readonly changes: readonly string[];
  /** The CSV the workbook stands beside. */
  readonly csv: string;
  readonly correction: number;
  readonly sources: WorkbookSources;
  readonly version: string;
  readonly lang: RevenueReport['lang'];
}

export function invoiceWorkbook(request: InvoiceWorkbookRequest): Workbook {
  const texts = textsFor(request.lang);
  const w = texts.workbook;
  const columns = INVOICE_FIELDS.map((field) => {
    const header = w.invoiceColumns[field];
    if (header === undefined) throw new RangeError(`no ${request.lang} header for the invoice field ${field}`);
    return { header };
  });
  const totalOf = (field: InvoiceField) => amount(formatAmount(sum(request.rows.map((r) => new Decimal(r[field])))));
  const totals: Cell[] = INVOICE_FIELDS.map((field) =>
    field === 'net_amount' || field === 'vat_amount' || field === 'gross_amount' ? totalOf(field) : field === INVOICE_FIELDS[0] ? texts.exitReport.total : null,
  );
  return {
    lang: request.lang,
    sheets: [
      {
        name: request.correction === 0 ? w.sheets.invoices : w.sheets.documents,
        columns,
        rows: request.rows.map((row) => INVOICE_FIELDS.map((field) => invoiceCell(field, row[field], texts))),
        totals: [totals],
      },
    ],
    about: {
      title: request.title,
      parts: [{ heading: w.about.figures, lines: [w.invoiceFile(request.csv), ...request.changes] }, ...closingParts(request.sources, texts, request.version)],
    },
  };
}
