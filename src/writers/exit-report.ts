// The exit-settlement report, for the municipality and for Excel and scripts: text, Markdown, CSV and JSON
// made from one model, so that every format says the same.

import { type CalendarDate, formatDate, isAfter } from '../engine/dates.js';
import { formatAmount, formatExact } from '../engine/money.js';
import { describeMunicipality } from '../engine/municipalities.js';
import { monthsOf } from '../engine/proration.js';
import { type Balance, type Cell, sumBalances } from '../engine/reconcile.js';
import type { Settlement, SettlementYear } from '../engine/settlement.js';
import { type Tariff, termsOn } from '../engine/tariff.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import type { Seller } from '../documents/parties.js';
import { type FiguresSource, type Lang, type Texts, textsFor } from '../texts/texts.js';
import { type TableColumn, left, markdownTable, renderTable, right } from './table.js';

export type ReportFormat = 'text' | 'md' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'md', 'csv', 'json'];

export interface ExitReport {
  readonly settlement: Settlement;
  readonly tariff: Tariff;
  /** Where the population and the forecast come from, as the reader knows them (never a path). */
  readonly population: FiguresSource;
  readonly forecast?: FiguresSource;
  /** The day the report was made (today, or FLIS_TODAY). */
  readonly made: CalendarDate;
  /**
   * The municipality's runs from the exit year on, leaving on the exit date, against the invoices in force in
   * the run folder (engine/reconcile.ts exitReconciliation). Undefined when no run folder was given.
   */
  readonly reconciliation?: readonly Cell[];
  /** The language of the report's words (its CSV columns and JSON keys are the same in every language). */
  readonly lang: Lang;
  /** Who sends it: the seller of the config, where it names one (the letter's sender; a line of the text report). */
  readonly sender?: Seller;
}

/** Months as a person reads them: "12", "9", "2.5161" (four decimals at most; the amount is exact). */
export function monthsText(year: SettlementYear): string {
  return monthsOf(year.share).toDecimalPlaces(4).toString();
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Breaks a sentence into lines of at most `width` characters; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** The assumptions and rules behind the figures, in sentences, for every format. */
export function assumptions(report: ExitReport): string[] {
  const s = report.settlement;
  const texts = textsFor(report.lang);
  const t = texts.exitReport;
  const name = s.connection.municipality.name;
  if (s.nothingBecause === 'after-agreement') return [t.afterAgreement(s.exitDate, s.periodEnd)];
  const lines = [t.whatSettlementIs(name, s.from, s.periodEnd)];
  if (isAfter(s.from, s.exitDate)) lines.push(t.availableLater(name, s.from));
  // A year whose terms change has a line per set of terms (billing rules §11): each year once.
  const bySource = (source: SettlementYear['populationSource']) => s.years.filter((y, i) => y.populationSource === source && s.years.findIndex((z) => z.year === y.year) === i);
  const dst = bySource('dst');
  if (dst.length > 0) lines.push(t.dstYears(dst.map((y) => y.year)));
  const carried = bySource('carried_forward');
  if (carried.length > 0) {
    const basis = carried[0]!;
    lines.push(t.carriedForward(carried.map((y) => y.year), basis.population, basis.populationYear, report.population.latest ? report.population : undefined));
  }
  const forecast = bySource('forecast');
  if (forecast.length > 0) lines.push(t.forecastYears(forecast.map((y) => y.year)));
  if (s.years.length > 0) {
    const forecastSource = forecast.length > 0 && report.forecast ? texts.sources.forecast(report.forecast) : undefined;
    lines.push(t.sources(texts.sources.population(report.population), forecastSource));
  }
  const tariff = report.tariff;
  lines.push(t.amounts(tariff.vatRate, tariff.pricePerCitizen, tariff.kneeRate.times(tariff.pricePerCitizen), tariff.kneeThreshold));
  // The versions the settlement knew of (billing rules §11); none, for a tariff without them.
  const versions = s.tariff.versions ?? [];
  if (versions.length > 0) {
    lines.push(t.versions(versions.map((v) => { const terms = termsOn(s.tariff, v.from); return { from: v.from, price: terms.pricePerCitizen, kneeThreshold: terms.kneeThreshold, kneeRate: terms.kneeRate, vatRate: terms.vatRate, ...(v.decision ? { decision: v.decision } : {}) }; })));
  }
  lines.push(report.reconciliation === undefined ? t.creditsNotLookedUp : t.creditsListed(s.exitDate.year));
  return lines;
}

export function yearRows(s: Settlement, texts: Texts): string[][] {
  const f = texts.format;
  return s.years.map((y) => [
    String(y.year),
    f.period(y.period),
    f.count(y.population),
    texts.exitReport.basis(y.populationSource, y.populationYear),
    f.amount(y.annualFee),
    f.number(monthsText(y)),
    f.amount(y.amount),
  ]);
}

export function yearColumns(texts: Texts): TableColumn[] {
  const c = texts.exitReport.columns;
  return [left(c.year), left(c.period), right(c.population), left(c.basis), right(c.annualFee), right(c.months), right(c.amount)];
}

const balanceCells = (b: Balance, texts: Texts): string[] => [b.issued, b.owed, b.toCredit, b.toBill].map(texts.format.amount);

/** A line per run compared: the run, its window, the invoice in force (or -), issued, owed, to credit, to bill. */
export function creditRows(cells: readonly Cell[], texts: Texts): string[][] {
  return cells.map((c) => [`${c.year} ${c.column}`, c.period ? texts.format.period(c.period) : '', c.invoice?.invoiceNumber ?? '-', ...balanceCells(c, texts)]);
}

export function creditTotal(cells: readonly Cell[], texts: Texts): string[] {
  return [texts.exitReport.total, '', '', ...balanceCells(sumBalances(cells), texts)];
}

export function creditColumns(texts: Texts): TableColumn[] {
  const c = texts.exitReport.creditColumns;
  return [left(c.run), left(c.period), left(c.invoice), right(c.issued), right(c.owed), right(c.toCredit), right(c.toBill)];
}

/** The sender in one line: "KOMBIT A/S, Halfdansgade 8, 2300 København S, CVR 19435075". */
export function senderLine(sender: Seller, lang: Lang): string {
  const a = sender.address;
  return `${sender.name}, ${a.street} ${a.buildingNumber}, ${a.postalCode} ${a.city}, ${textsFor(lang).exitLetter.cvr(sender.cvr)}`;
}

/** The settlement's own lines: exit date, what the settlement covers (or when the repayment period ends), the total. */
export function settlementFigures(report: ExitReport): { label: string; value: string }[] {
  const s = report.settlement;
  const t = textsFor(report.lang).exitReport;
  return [
    { label: t.labels.exitDate, value: t.exitDate(s.exitDate) },
    s.years.length > 0 ? { label: t.labels.covers, value: t.covers(s.from, s.periodEnd) } : { label: t.labels.repaymentPeriod, value: t.repaymentEnds(s.periodEnd) },
    { label: t.labels.settlement, value: t.settlement(s.total) },
  ];
}

/** The lines at the top of the report: the settlement's, the day it was made and who sends it. */
export function keyFigures(report: ExitReport): { label: string; value: string }[] {
  const texts = textsFor(report.lang);
  const sender = report.sender ? [{ label: texts.exitLetter.from, value: senderLine(report.sender, report.lang) }] : [];
  return [...settlementFigures(report), { label: texts.exitReport.labels.made, value: texts.exitReport.made(report.made) }, ...sender];
}

export function exitReportText(report: ExitReport): string {
  const s = report.settlement;
  const texts = textsFor(report.lang);
  const t = texts.exitReport;
  const figures = keyFigures(report);
  const labelWidth = Math.max(...figures.map((k) => k.label.length)) + 3;
  const out = [t.title(describeMunicipality(s.connection.municipality)), '', ...figures.map((k) => `${k.label.padEnd(labelWidth)}${k.value}`), ''];
  if (s.years.length > 0) {
    out.push(renderTable(yearColumns(texts), yearRows(s, texts), [[t.total, '', '', '', '', '', texts.format.amount(s.total)]]).trimEnd(), '');
  }
  out.push(t.howComputed, ...assumptions(report).map((a) => wrap(`- ${a}`, 100, '  ')), '');
  const cells = report.reconciliation;
  if (cells !== undefined) {
    out.push(t.creditsHeading(s.exitDate));
    if (cells.length === 0) out.push(`  ${t.noCredits}`, '');
    else out.push(renderTable(creditColumns(texts), creditRows(cells, texts), [creditTotal(cells, texts)]).trimEnd(), '');
  }
  return `${out.join('\n')}`;
}

export function exitReportMarkdown(report: ExitReport): string {
  const s = report.settlement;
  const texts = textsFor(report.lang);
  const t = texts.exitReport;
  const out = [`# ${t.title(describeMunicipality(s.connection.municipality))}`, '', ...keyFigures(report).map((k) => `- **${k.label}** ${k.value}`), ''];
  if (s.years.length > 0) {
    out.push(...markdownTable(yearColumns(texts), [...yearRows(s, texts), [`**${t.total}**`, '', '', '', '', '', `**${texts.format.amount(s.total)}**`]]), '');
  }
  out.push(`## ${t.howComputed}`, '', ...assumptions(report).map((a) => `- ${a}`), '');
  const cells = report.reconciliation;
  if (cells !== undefined) {
    out.push(`## ${t.creditsHeading(s.exitDate)}`, '');
    const total = creditTotal(cells, texts).map((cell) => (cell === '' ? '' : `**${cell}**`));
    out.push(...(cells.length === 0 ? [`${capitalised(t.noCredits)}.`] : markdownTable(creditColumns(texts), [...creditRows(cells, texts), total])), '');
  }
  return out.join('\n');
}

export const EXIT_CSV_FIELDS = [
  'kommune_code',
  'kommune_name',
  'exit_date',
  'year',
  'period_from',
  'period_to',
  'population',
  'population_source',
  'population_year',
  'annual_fee',
  'months',
  'amount',
] as const;

/** The year lines as fields (CSV columns), plain values: amounts with two decimals and `.`. */
export function exitYearRecords(s: Settlement): (string | number)[][] {
  return s.years.map((y) => [
    s.connection.municipality.code,
    s.connection.municipality.name,
    formatDate(s.exitDate),
    y.year,
    formatDate(y.period.from),
    formatDate(y.period.to),
    y.population,
    y.populationSource,
    y.populationYear,
    formatExact(y.annualFee),
    monthsText(y),
    formatAmount(y.amount),
  ]);
}

export const EXIT_CSV_COLUMNS: CsvColumns = { decimals: new Set(['annual_fee', 'months', 'amount']), texts: new Set(['kommune_code']) };

export function exitReportCsv(report: ExitReport, dialect: Dialect = 'default'): string {
  return toCsv(EXIT_CSV_FIELDS, exitYearRecords(report.settlement), EXIT_CSV_COLUMNS, dialect);
}

/** A balance as JSON fields: amounts with two decimals. */
export function balanceObject(b: Balance): { issued: string; owed: string; to_credit: string; to_bill: string } {
  return { issued: formatAmount(b.issued), owed: formatAmount(b.owed), to_credit: formatAmount(b.toCredit), to_bill: formatAmount(b.toBill) };
}

export function exitReportObject(report: ExitReport): Record<string, unknown> {
  const s = report.settlement;
  return {
    kommune_code: s.connection.municipality.code,
    kommune_name: s.connection.municipality.name,
    exit_date: formatDate(s.exitDate),
    period_end: formatDate(s.periodEnd),
    settlement_from: formatDate(s.from),
    total: formatAmount(s.total),
    years: s.years.map((y) => ({
      year: y.year,
      from: formatDate(y.period.from),
      to: formatDate(y.period.to),
      population: y.population,
      population_source: y.populationSource,
      population_year: y.populationYear,
      annual_fee: formatExact(y.annualFee),
      months: monthsText(y),
      amount: formatAmount(y.amount),
    })),
    already_invoiced: (report.reconciliation ?? []).flatMap(({ invoice, toCredit }) =>
      invoice
        ? [
            {
              invoice_number: invoice.invoiceNumber,
              run: invoice.run,
              period_from: formatDate(invoice.period.from),
              period_to: formatDate(invoice.period.to),
              net_amount: formatAmount(invoice.netAmount),
              credit_from: formatDate(s.exitDate),
              credit_amount: formatAmount(toCredit),
            },
          ]
        : [],
    ),
    ...(report.reconciliation
      ? {
          runs_compared: report.reconciliation.map((c) => ({
            year: c.year,
            run: c.column,
            ...(c.period ? { period_from: formatDate(c.period.from), period_to: formatDate(c.period.to) } : {}),
            invoice_number: c.invoice?.invoiceNumber ?? null,
            ...balanceObject(c),
          })),
          runs_compared_total: balanceObject(sumBalances(report.reconciliation)),
        }
      : {}),
    assumptions: assumptions(report),
  };
}

export function renderExitReport(report: ExitReport, format: ReportFormat, dialect: Dialect = 'default'): string {
  switch (format) {
    case 'text':
      return exitReportText(report);
    case 'md':
      return exitReportMarkdown(report);
    case 'csv':
      return exitReportCsv(report, dialect);
    case 'json':
      return `${JSON.stringify(exitReportObject(report), null, 2)}\n`;
  }
}
