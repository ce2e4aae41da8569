// `flis exit --all --date D`: what each connected municipality would owe leaving on D, and the total.

import { type CalendarDate, formatDate } from '../engine/dates.js';
import { type Decimal, formatAmount, sum } from '../engine/money.js';
import type { Connection } from '../engine/types.js';
import type { Settlement } from '../engine/settlement.js';
import { type ExitReport, type ReportFormat, exitReportObject } from './exit-report.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import { amountForPeople, markdownTable, renderTable } from './table.js';

export interface ExitOverview {
  readonly exitDate: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly reports: readonly ExitReport[];
  /** Municipalities on the roster that have already left by the date. */
  readonly alreadyLeft: readonly Connection[];
}

function sources(s: Settlement): string {
  const used = [...new Set(s.years.map((y) => y.populationSource))];
  return used.join('+') || '-';
}

function years(s: Settlement): string {
  return s.years.length === 0 ? '-' : `${s.years[0]!.year}–${s.years[s.years.length - 1]!.year}`;
}

export function overviewTotal(overview: ExitOverview): Decimal {
  return sum(overview.reports.map((r) => r.settlement.total));
}

const COLUMNS = [
  { heading: 'Code', align: 'left' },
  { heading: 'Municipality', align: 'left' },
  { heading: 'From', align: 'left' },
  { heading: 'Years', align: 'left' },
  { heading: 'Population basis', align: 'left' },
  { heading: 'Settlement DKK', align: 'right' },
] as const;

function rows(overview: ExitOverview): string[][] {
  return overview.reports.map(({ settlement: s }) => [
    s.connection.municipality.code,
    s.connection.municipality.name,
    formatDate(s.from),
    years(s),
    sources(s),
    amountForPeople(s.total),
  ]);
}

function heading(overview: ExitOverview): string[] {
  return [
    `What each connected municipality would owe leaving FLIS on ${formatDate(overview.exitDate)} (udtræden), to ${formatDate(overview.periodEnd)}:`,
    `${overview.reports.length} municipalit${overview.reports.length === 1 ? 'y' : 'ies'}, total ${amountForPeople(overviewTotal(overview))} DKK excl. VAT, nominal and undiscounted.`,
  ];
}

function leftNote(overview: ExitOverview): string[] {
  if (overview.alreadyLeft.length === 0) return [];
  const names = overview.alreadyLeft.map((c) => `${c.municipality.name} (${c.municipality.code}, exit ${c.exitDate ? formatDate(c.exitDate) : '?'})`);
  return [`Not included, having left by then: ${names.join(', ')}.`];
}

const OVERVIEW_CSV_COLUMNS: CsvColumns = { decimals: new Set(['total']), texts: new Set(['kommune_code']) };

export function renderOverview(overview: ExitOverview, format: ReportFormat, dialect: Dialect = 'default'): string {
  const total = amountForPeople(overviewTotal(overview));
  switch (format) {
    case 'text':
      return [
        ...heading(overview),
        '',
        renderTable(COLUMNS, rows(overview), [['Total', '', '', '', '', total]]).trimEnd(),
        '',
        'Population basis: dst = DST figure of the year; carried_forward = latest published figure; forecast = DST projection.',
        ...leftNote(overview),
        '',
      ].join('\n');
    case 'md':
      return [
        `# FLIS exit settlements on ${formatDate(overview.exitDate)}`,
        '',
        ...heading(overview),
        '',
        ...markdownTable(COLUMNS, [...rows(overview), ['**Total**', '', '', '', '', `**${total}**`]]),
        '',
        ...leftNote(overview),
        '',
      ].join('\n');
    case 'csv':
      return toCsv(
        ['kommune_code', 'kommune_name', 'exit_date', 'settlement_from', 'first_year', 'last_year', 'population_sources', 'total'],
        overview.reports.map(({ settlement: s }) => [
          s.connection.municipality.code,
          s.connection.municipality.name,
          formatDate(s.exitDate),
          formatDate(s.from),
          s.years[0]?.year ?? '',
          s.years[s.years.length - 1]?.year ?? '',
          sources(s),
          formatAmount(s.total),
        ]),
        OVERVIEW_CSV_COLUMNS,
        dialect,
      );
    case 'json':
      return `${JSON.stringify(
        {
          exit_date: formatDate(overview.exitDate),
          period_end: formatDate(overview.periodEnd),
          total: formatAmount(overviewTotal(overview)),
          municipalities: overview.reports.map((r) => exitReportObject(r)),
          already_left: overview.alreadyLeft.map((c) => ({
            kommune_code: c.municipality.code,
            kommune_name: c.municipality.name,
            exit_date: c.exitDate ? formatDate(c.exitDate) : null,
          })),
        },
        null,
        2,
      )}\n`;
  }
}
