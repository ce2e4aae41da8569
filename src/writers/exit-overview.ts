// `flis exit --all --date D`: what each connected municipality would owe leaving on D, and the total.

import { type CalendarDate, formatDate } from '../engine/dates.js';
import { type Decimal, formatAmount, sum } from '../engine/money.js';
import type { Connection } from '../engine/types.js';
import type { Settlement } from '../engine/settlement.js';
import { type ExitReport, type ReportFormat, exitReportObject } from './exit-report.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import { type Lang, type PopulationSource, type Texts, textsFor } from '../texts/texts.js';
import { type TableColumn, left, markdownTable, renderTable, right } from './table.js';

export interface ExitOverview {
  readonly exitDate: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly reports: readonly ExitReport[];
  /** Municipalities on the roster that have already left by the date. */
  readonly alreadyLeft: readonly Connection[];
  /** The language of the overview's words. */
  readonly lang: Lang;
}

/** The sources of a settlement's population figures, joined by +: "dst+carried_forward" (CSV), "DST+videreført" (Danish text). */
function sources(s: Settlement, name: (source: PopulationSource) => string = (source) => source): string {
  const used = [...new Set(s.years.map((y) => y.populationSource))];
  return used.map(name).join('+') || '-';
}

function years(s: Settlement): string {
  return s.years.length === 0 ? '-' : `${s.years[0]!.year}–${s.years[s.years.length - 1]!.year}`;
}

export function overviewTotal(overview: ExitOverview): Decimal {
  return sum(overview.reports.map((r) => r.settlement.total));
}

function columns(texts: Texts): TableColumn[] {
  const c = texts.exitOverview.columns;
  return [left(c.code), left(c.municipality), left(c.from), left(c.years), left(c.basis), right(c.settlement)];
}

function rows(overview: ExitOverview, texts: Texts): string[][] {
  return overview.reports.map(({ settlement: s }) => [
    s.connection.municipality.code,
    s.connection.municipality.name,
    texts.format.shortDate(s.from),
    years(s),
    sources(s, texts.exitOverview.source),
    texts.format.amount(s.total),
  ]);
}

function heading(overview: ExitOverview, texts: Texts): string[] {
  const t = texts.exitOverview;
  return [t.heading(overview.exitDate, overview.periodEnd), t.count(overview.reports.length, overviewTotal(overview))];
}

function leftNote(overview: ExitOverview, texts: Texts): string[] {
  if (overview.alreadyLeft.length === 0) return [];
  const t = texts.exitOverview;
  return [t.notIncluded(overview.alreadyLeft.map((c) => t.left(c.municipality.name, c.municipality.code, c.exitDate)))];
}

const OVERVIEW_CSV_COLUMNS: CsvColumns = { decimals: new Set(['total']), texts: new Set(['kommune_code']) };

export function renderOverview(overview: ExitOverview, format: ReportFormat, dialect: Dialect = 'default'): string {
  const texts = textsFor(overview.lang);
  const total = texts.format.amount(overviewTotal(overview));
  const totalLabel = texts.exitReport.total;
  switch (format) {
    case 'text':
      return [
        ...heading(overview, texts),
        '',
        renderTable(columns(texts), rows(overview, texts), [[totalLabel, '', '', '', '', total]]).trimEnd(),
        '',
        texts.exitOverview.legend,
        ...leftNote(overview, texts),
        '',
      ].join('\n');
    case 'md':
      return [
        `# ${texts.exitOverview.title(overview.exitDate)}`,
        '',
        ...heading(overview, texts),
        '',
        ...markdownTable(columns(texts), [...rows(overview, texts), [`**${totalLabel}**`, '', '', '', '', `**${total}**`]]),
        '',
        ...leftNote(overview, texts),
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
