// `flis exit --all --date D`: what each connected municipality would owe leaving on D, and the total.

import { type CalendarDate, formatDate } from '../engine/dates.js';
import { type Decimal, formatAmount, sum } from '../engine/money.js';
import type { Connection } from '../engine/types.js';
import { type Balance, sumBalances } from '../engine/reconcile.js';
import type { Settlement } from '../engine/settlement.js';
import { type ExitReport, type ReportFormat, exitReportObject } from './exit-report.js';
import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import { type FiguresSource, type Lang, type PopulationSource, type Texts, textsFor } from '../texts/texts.js';
import { type TableColumn, left, markdownTable, renderTable, right } from './table.js';

export interface ExitOverview {
  readonly exitDate: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly reports: readonly ExitReport[];
  /** Municipalities on the roster that have already left by the date. */
  readonly alreadyLeft: readonly Connection[];
  /** The language of the overview's words. */
  readonly lang: Lang;
  /** The day it was made, and where its population and forecast come from, as the reader knows them. */
  readonly made: CalendarDate;
  readonly population: FiguresSource;
  readonly forecast?: FiguresSource;
}

/** The sources of a settlement's population figures, joined by +: "dst+carried_forward" (CSV), "DST+videreført" (Danish text). */
export function sources(s: Settlement, name: (source: PopulationSource) => string = (source) => source): string {
  const used = [...new Set(s.years.map((y) => y.populationSource))];
  return used.map(name).join('+') || '-';
}

function years(s: Settlement): string {
  return s.years.length === 0 ? '-' : `${s.years[0]!.year}–${s.years[s.years.length - 1]!.year}`;
}

export function overviewTotal(overview: ExitOverview): Decimal {
  return sum(overview.reports.map((r) => r.settlement.total));
}

/** With a run folder: a municipality's runs from the exit year on, issued against owed (what its report lists). */
function runsCompared(report: ExitReport): Balance | undefined {
  return report.reconciliation && sumBalances(report.reconciliation);
}

const withIssued = (overview: ExitOverview): boolean => overview.reports.some((r) => r.reconciliation !== undefined);

function columns(overview: ExitOverview, texts: Texts): TableColumn[] {
  const c = texts.exitOverview.columns;
  return [
    left(c.code),
    left(c.municipality),
    left(c.from),
    left(c.years),
    left(c.basis),
    right(c.settlement),
    ...(withIssued(overview) ? [right(c.toCredit), right(c.toBill)] : []),
  ];
}

function issuedCells(report: ExitReport, texts: Texts): string[] {
  const b = runsCompared(report);
  return b ? [b.toCredit, b.toBill].map(texts.format.amount) : [];
}

function rows(overview: ExitOverview, texts: Texts): string[][] {
  return overview.reports.map((report) => [
    report.settlement.connection.municipality.code,
    report.settlement.connection.municipality.name,
    texts.format.shortDate(report.settlement.from),
    years(report.settlement),
    sources(report.settlement, texts.exitOverview.source),
    texts.format.amount(report.settlement.total),
    ...issuedCells(report, texts),
  ]);
}

/** The runs compared, summed over every municipality; undefined without a run folder. */
function issuedTotal(overview: ExitOverview): Balance | undefined {
  return withIssued(overview) ? sumBalances(overview.reports.flatMap((r) => r.reconciliation ?? [])) : undefined;
}

function heading(overview: ExitOverview, texts: Texts): string[] {
  const t = texts.exitOverview;
  return [t.heading(overview.exitDate, overview.periodEnd), t.count(overview.reports.length, overviewTotal(overview))];
}

/** Where the figures come from (the forecast where a settlement uses it), and the day the overview was made. */
function sourceLines(overview: ExitOverview, texts: Texts): string[] {
  const forecastUsed = overview.reports.some((r) => r.settlement.years.some((y) => y.populationSource === 'forecast'));
  const forecast = forecastUsed && overview.forecast ? texts.sources.forecast(overview.forecast) : undefined;
  const { exitReport: t } = texts;
  return [t.sources(texts.sources.population(overview.population), forecast), `${t.labels.made} ${t.made(overview.made)}`];
}

function leftNote(overview: ExitOverview, texts: Texts): string[] {
  if (overview.alreadyLeft.length === 0) return [];
  const t = texts.exitOverview;
  return [t.notIncluded(overview.alreadyLeft.map((c) => t.left(c.municipality.name, c.municipality.code, c.exitDate)))];
}

const OVERVIEW_CSV_COLUMNS: CsvColumns = { decimals: new Set(['total', 'to_credit', 'to_bill']), texts: new Set(['kommune_code']) };

export function renderOverview(overview: ExitOverview, format: ReportFormat, dialect: Dialect = 'default'): string {
  const texts = textsFor(overview.lang);
  const total = texts.format.amount(overviewTotal(overview));
  const totalLabel = texts.exitReport.total;
  const runs = issuedTotal(overview);
  const runsTotal = runs ? [runs.toCredit, runs.toBill].map(texts.format.amount) : [];
  switch (format) {
    case 'text':
      return [
        ...heading(overview, texts),
        '',
        renderTable(columns(overview, texts), rows(overview, texts), [[totalLabel, '', '', '', '', total, ...runsTotal]]).trimEnd(),
        '',
        texts.exitOverview.legend(overview.population.latest === true),
        ...(runs ? [texts.exitOverview.runsCompared] : []),
        ...leftNote(overview, texts),
        ...sourceLines(overview, texts),
        '',
      ].join('\n');
    case 'md':
      return [
        `# ${texts.exitOverview.title(overview.exitDate)}`,
        '',
        ...heading(overview, texts),
        '',
        ...markdownTable(columns(overview, texts), [...rows(overview, texts), [`**${totalLabel}**`, '', '', '', '', `**${total}**`, ...runsTotal.map((a) => `**${a}**`)]]),
        '',
        ...[texts.exitOverview.legend(overview.population.latest === true), ...(runs ? [texts.exitOverview.runsCompared] : []), ...leftNote(overview, texts), ...sourceLines(overview, texts)].flatMap(
          (paragraph) => [paragraph, ''],
        ),
      ].join('\n');
    case 'csv':
      return toCsv(
        ['kommune_code', 'kommune_name', 'exit_date', 'settlement_from', 'first_year', 'last_year', 'population_sources', 'total', ...(runs ? ['to_credit', 'to_bill'] : [])],
        overview.reports.map((report) => {
          const s = report.settlement;
          const b = runsCompared(report);
          return [
            s.connection.municipality.code,
            s.connection.municipality.name,
            formatDate(s.exitDate),
            formatDate(s.from),
            s.years[0]?.year ?? '',
            s.years[s.years.length - 1]?.year ?? '',
            sources(s),
            formatAmount(s.total),
            ...(b ? [b.toCredit, b.toBill].map(formatAmount) : []),
          ];
        }),
        OVERVIEW_CSV_COLUMNS,
        dialect,
      );
    case 'json':
      return `${JSON.stringify(
        {
          exit_date: formatDate(overview.exitDate),
          period_end: formatDate(overview.periodEnd),
          total: formatAmount(overviewTotal(overview)),
          ...(runs ? { runs_compared_total: { to_credit: formatAmount(runs.toCredit), to_bill: formatAmount(runs.toBill) } } : {}),
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
