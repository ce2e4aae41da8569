// The exit-settlement report, for the municipality and for Excel and scripts: text, Markdown, CSV and JSON
// made from one model, so that every format says the same.

import { formatDate, isAfter } from '../engine/dates.js';
import { type Decimal, formatAmount, formatExact, sum } from '../engine/money.js';
import { describeMunicipality } from '../engine/municipalities.js';
import { monthsOf } from '../engine/proration.js';
import type { IssuedInvoice, Settlement, SettlementYear } from '../engine/settlement.js';
import type { Tariff } from '../engine/tariff.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import { amountForPeople, countForPeople, markdownTable, periodForPeople, renderTable } from './table.js';

export type ReportFormat = 'text' | 'md' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'md', 'csv', 'json'];

export interface CreditLine {
  readonly invoice: IssuedInvoice;
  readonly credit: Decimal;
}

export interface ExitReport {
  readonly settlement: Settlement;
  readonly tariff: Tariff;
  readonly populationFile: string;
  readonly forecastFile?: string;
  /** Undefined when no invoice folder was given: issued invoices were not looked at. */
  readonly credits?: readonly CreditLine[];
}

/** Months as a person reads them: "12", "9", "2.5161" (four decimals at most; the amount is exact). */
export function monthsText(year: SettlementYear): string {
  return monthsOf(year.share).toDecimalPlaces(4).toString();
}

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

function yearsText(years: readonly number[]): string {
  if (years.length === 0) return '';
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  if (contiguous) return years.length === 1 ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
  return years.join(', ');
}

function basisText(year: SettlementYear): string {
  switch (year.populationSource) {
    case 'dst':
      return `DST 1 Jan ${year.populationYear}`;
    case 'carried_forward':
      return `DST 1 Jan ${year.populationYear}, carried forward`;
    case 'forecast':
      return `forecast 1 Jan ${year.populationYear}`;
  }
}

/** The assumptions and rules behind the figures, in sentences, for every format. */
export function assumptions(report: ExitReport): string[] {
  const s = report.settlement;
  const name = s.connection.municipality.name;
  const end = formatDate(s.periodEnd);
  if (s.nothingBecause === 'after-agreement') {
    return [
      `The exit date ${formatDate(s.exitDate)} is after the end of the repayment period (${end}): leaving then costs nothing (general terms §5; FLIS billing rules §8).`,
    ];
  }
  const lines = [
    `The settlement is what the regular invoice runs would have billed had ${name} stayed, from ${formatDate(s.from)} to ${end}, the end of the repayment period (general terms §5; FLIS billing rules §8).`,
  ];
  if (isAfter(s.from, s.exitDate)) {
    lines.push(`FLIS is made available to ${name} on ${formatDate(s.from)}, after the exit date, so the settlement runs from that day.`);
  }
  const bySource = (source: SettlementYear['populationSource']) => s.years.filter((y) => y.populationSource === source);
  const dst = bySource('dst');
  if (dst.length > 0) lines.push(`Population for ${yearsText(dst.map((y) => y.year))}: DST's figure on 1 January of the year (${report.populationFile}).`);
  const carried = bySource('carried_forward');
  if (carried.length > 0) {
    const basis = carried[0]!;
    lines.push(
      `The population file (${report.populationFile}) has no figure for 1 January ${yearsText(carried.map((y) => y.year))}, not yet published by DST: ` +
        `the latest published figure, ${countForPeople(basis.population)} on 1 January ${basis.populationYear}, is carried forward.`,
    );
  }
  const forecast = bySource('forecast');
  if (forecast.length > 0) {
    lines.push(`Population for ${yearsText(forecast.map((y) => y.year))}: DST's municipal projection (${report.forecastFile ?? 'forecast'}).`);
  }
  lines.push(
    `Amounts are nominal DKK excl. VAT, undiscounted; VAT (${report.tariff.vatRate.times(100).toString()} %) is added when invoiced. ` +
      `Annual fee: ${formatExact(report.tariff.pricePerCitizen)} DKK per citizen, ${formatExact(report.tariff.kneeRate.times(report.tariff.pricePerCitizen))} DKK above ${countForPeople(report.tariff.kneeThreshold)} citizens.`,
  );
  lines.push(
    report.credits === undefined
      ? 'Invoices already issued for days on or after the exit date are not part of the settlement; they were not looked up (give --invoices DIR to list those to be credited).'
      : 'Invoices already issued for days on or after the exit date are not part of the settlement; they are listed to be credited.',
  );
  return lines;
}

function yearRows(s: Settlement): string[][] {
  return s.years.map((y) => [
    String(y.year),
    periodForPeople(y.period),
    countForPeople(y.population),
    basisText(y),
    amountForPeople(y.annualFee),
    monthsText(y),
    amountForPeople(y.amount),
  ]);
}

const YEAR_COLUMNS = [
  { heading: 'Year', align: 'left' },
  { heading: 'Period', align: 'left' },
  { heading: 'Population', align: 'right' },
  { heading: 'Basis', align: 'left' },
  { heading: 'Annual fee DKK', align: 'right' },
  { heading: 'Months', align: 'right' },
  { heading: 'Amount DKK', align: 'right' },
] as const;

function creditRows(credits: readonly CreditLine[]): string[][] {
  return credits.map(({ invoice, credit }) => [
    invoice.invoiceNumber,
    periodForPeople(invoice.period),
    amountForPeople(invoice.netAmount),
    amountForPeople(credit),
  ]);
}

const CREDIT_COLUMNS = [
  { heading: 'Invoice', align: 'left' },
  { heading: 'Period', align: 'left' },
  { heading: 'Net DKK', align: 'right' },
  { heading: 'To credit DKK', align: 'right' },
] as const;

export function exitReportText(report: ExitReport): string {
  const s = report.settlement;
  const out = [
    `FLIS exit settlement (udtræden): ${describeMunicipality(s.connection.municipality)}`,
    '',
    `Exit date:           ${formatDate(s.exitDate)} (first day no longer connected)`,
    s.years.length > 0 ? `Settlement covers:   ${periodForPeople({ from: s.from, to: s.periodEnd })}` : `Repayment period:    ends ${formatDate(s.periodEnd)}`,
    `Settlement:          ${amountForPeople(s.total)} DKK excl. VAT`,
    '',
  ];
  if (s.years.length > 0) {
    out.push(renderTable(YEAR_COLUMNS, yearRows(s), [['Total', '', '', '', '', '', amountForPeople(s.total)]]).trimEnd(), '');
  }
  out.push('How this is computed', ...assumptions(report).map((a) => wrap(`- ${a}`, 100, '  ')), '');
  if (report.credits !== undefined) {
    out.push('Already invoiced for days on or after the exit date (to be credited)');
    if (report.credits.length === 0) out.push('  none', '');
    else {
      const total = sum(report.credits.map((c) => c.credit));
      out.push(renderTable(CREDIT_COLUMNS, creditRows(report.credits), [['Total', '', '', amountForPeople(total)]]).trimEnd(), '');
    }
  }
  return `${out.join('\n')}`;
}

export function exitReportMarkdown(report: ExitReport): string {
  const s = report.settlement;
  const out = [
    `# FLIS exit settlement (udtræden): ${describeMunicipality(s.connection.municipality)}`,
    '',
    `- **Exit date:** ${formatDate(s.exitDate)} (first day no longer connected)`,
    s.years.length > 0 ? `- **Settlement covers:** ${periodForPeople({ from: s.from, to: s.periodEnd })}` : `- **Repayment period:** ends ${formatDate(s.periodEnd)}`,
    `- **Settlement:** ${amountForPeople(s.total)} DKK excl. VAT`,
    '',
  ];
  if (s.years.length > 0) {
    out.push(...markdownTable(YEAR_COLUMNS, [...yearRows(s), ['**Total**', '', '', '', '', '', `**${amountForPeople(s.total)}**`]]), '');
  }
  out.push('## How this is computed', '', ...assumptions(report).map((a) => `- ${a}`), '');
  if (report.credits !== undefined) {
    out.push('## Already invoiced for days on or after the exit date (to be credited)', '');
    out.push(...(report.credits.length === 0 ? ['None.'] : markdownTable(CREDIT_COLUMNS, creditRows(report.credits))), '');
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
    already_invoiced: (report.credits ?? []).map(({ invoice, credit }) => ({
      invoice_number: invoice.invoiceNumber,
      run: invoice.run,
      period_from: formatDate(invoice.period.from),
      period_to: formatDate(invoice.period.to),
      net_amount: formatAmount(invoice.netAmount),
      credit_from: formatDate(s.exitDate),
      credit_amount: formatAmount(credit),
    })),
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
