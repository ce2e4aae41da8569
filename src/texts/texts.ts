// Every sentence, heading and label of the documents flis issues, in each language: the one place a wording is
// changed or translated. The documents are the exit report, the invoice table and run summary, the notes of
// an invoice (CSV `notes`, e-invoice lines), the e-invoice texts and the revenue report. Messages for the
// operator (errors, warnings, progress) are English and live where they are raised.
//
// A text is a function of values already formatted for people by the language's PeopleFormat (format.ts), or
// of the values themselves where the wording depends on them (one/many, which source).

import type { CalendarDate } from '../engine/dates.js';
import type { Decimal } from '../engine/money.js';
import type { PopulationSource } from '../engine/population-basis.js';
import { type Lang, type PeopleFormat, peopleFormat } from './format.js';
import { DANISH } from './da.js';
import { ENGLISH } from './en.js';

export { CLAUSES, CLAUSE_WORDS } from './clauses.js';

export type { Lang } from './format.js';
export { DEFAULT_LANG, LANGS, isLang } from './format.js';

export type { PopulationSource } from '../engine/population-basis.js';

/**
 * Where a document's figures come from, as its reader knows them: never a path or an option (src/sources.ts
 * decides it from the inputs and their provenance).
 */
export interface FiguresSource {
  /**
   * fetched: by flis from Statistics Denmark's StatBank; transcribed: DST's figures written in the shape flis fetch
   * saves, from another source (never presented as fetched); given: a file KOMBIT gave flis, whose origin flis
   * cannot tell.
   */
  readonly kind: 'fetched' | 'transcribed' | 'given';
  /** The table as far as flis can tell it (FOLK1A, FOLK1AM, FRKM126); undefined where it cannot. */
  readonly table?: string;
  /** A given file in the shape of a statistikbanken.dk web export. */
  readonly webExport?: boolean;
  /** The years of its figures (1 January), oldest first. */
  readonly years: readonly number[];
  /** Fetched: the day it was fetched, and the day DST last updated the table, where its provenance records them. */
  readonly fetchedOn?: CalendarDate;
  readonly tableUpdated?: CalendarDate;
  /** Its newest figure was the latest DST had published when it was fetched, and no newer one is due by today. */
  readonly latest?: boolean;
}

/** What the roster says of a municipality's dates, for the words of a credit note. */
export interface RosterFacts {
  readonly availableFrom: CalendarDate;
  readonly pilotStart?: CalendarDate;
  readonly exitDate?: CalendarDate;
}

/** The §5 price as the revenue report states it (engine/solve-price.ts). */
export interface SolvedPriceWords {
  readonly outcome: 'solved' | 'ceiling' | 'none';
  readonly from: CalendarDate;
  readonly costs: Decimal;
  readonly price: Decimal;
  readonly income: Decimal;
  readonly incomeAbove?: Decimal;
}

/** A line of an invoice under one set of the tariff's terms, for its notes. */
export interface PriceLine {
  readonly period: { readonly from: CalendarDate; readonly to: CalendarDate };
  readonly price: Decimal;
  readonly net: Decimal;
  /** Given where the lines' VAT rates differ. */
  readonly vatRate?: Decimal;
}

/** The texts of one language; `format` writes its numbers and dates. */
export interface Texts {
  readonly lang: Lang;
  readonly format: PeopleFormat;
  /** Why an invoice covers less than its window (CSV `notes`, the invoice table, e-invoices). */
  readonly notes: {
    availableFrom(date: CalendarDate): string;
    pilotFree(from: CalendarDate, to: CalendarDate, days: number): string;
    exit(exitDate: CalendarDate): string;
    agreementEnd(date: CalendarDate): string;
    /** The window spans a change of the tariff: each line's period, price and amount (and VAT rate, where the rates differ). */
    prices(lines: readonly PriceLine[]): string;
    creditNoteFor(invoiceNumber: string): string;
    replaces(invoiceNumber: string): string;
  };
  /** The sources of the figures, as every document names them (FiguresSource). */
  readonly sources: {
    population(source: FiguresSource): string;
    forecast(source: FiguresSource): string;
  };
  /** Why a credit note credits its invoice, in words (its notes, and its e-invoice's note). */
  readonly creditReasons: {
    /** "kreditnota for FLIS-2025-H1-0045: befolkningstallet …": the note of a credit note. */
    creditNote(invoiceNumber: string, why: readonly string[]): string;
    population(year: number, before: number, after: number): string;
    /** The period now begins on another day: the day FLIS was made available. */
    periodFrom(before: CalendarDate, after: CalendarDate): string;
    /** The period now ends on another day: the day before the exit (or the agreement's end). */
    periodTo(before: CalendarDate, after: CalendarDate): string;
    price(before: string, after: string): string;
    /** The same population split otherwise between full and reduced price (the knee). */
    knee(): string;
    vatRate(before: string, after: string): string;
    ean(before: string, after: string): string;
    /** The buyer's legal name, CVR number or address differs (each in words: "Odense Kommune (CVR …), Flakhaven 2, 5000 Odense C"). */
    buyer(before: string, after: string): string;
    reference(before: string, after: string): string;
    kontostreng(before: string, after: string): string;
    /** Only the billable days changed (a pilot period): what the roster says of the municipality now. */
    billableDays(roster: RosterFacts | undefined): string;
    /** Nothing to invoice in the run now: off the roster, or no billable day by what it says. */
    notBilled(run: string, year: number, roster: RosterFacts | undefined): string;
  };
  /** `flis invoice` on stdout. */
  readonly invoiceTable: {
    title(run: string, year: number, count: number): string;
    tariff(name: string, price: Decimal, kneeThreshold: number, kneeRate: Decimal, vatRate: Decimal): string;
    /** The terms of a version taking effect in the run's year (billing rules §11), after the tariff's line. */
    tariffFrom(from: CalendarDate, price: Decimal, kneeThreshold: number, kneeRate: Decimal, vatRate: Decimal): string;
    nothingToInvoice: string;
    columns: { invoice: string; municipality: string; period: string; population: string; net: string; vat: string; gross: string };
    total(count: number): string;
  };
  /** summary-YEAR-RUN.txt and corrections-YEAR-RUN-K.txt. */
  readonly runSummary: {
    title(run: string, year: number): string;
    correctionTitle(run: string, year: number, correction: number): string;
    changesHeading(municipalities: number): string;
    /** Labels of the lines, in the order of the summary. */
    labels: {
      invoices: string;
      documents: string;
      net: string;
      vat: string;
      gross: string;
      issueDate: string;
      einvoices: string;
      population: string;
      roster: string;
      tariff: string;
      writtenBy: string;
    };
    amount(amount: Decimal): string;
    issueDate(date: CalendarDate): string;
    einvoices(format: string, folder: string): string;
    /** `source`: sources.population's words. */
    population(source: string, year: number): string;
    roster(municipalities: number): string;
    /** `given`: read from a tariff file KOMBIT gave, rather than built in. */
    tariff(name: string, given: boolean): string;
  };
  /** A change between the invoice in force and what the run computes now (summaries of corrections). */
  readonly changes: {
    notInvoiced(net: string): string;
    nothingNow(net: string, invoiceNumber: string): string;
    /** The name of a compared field, and how its values read (plain values for English). */
    field(name: string): string;
    value(field: string, plain: string): string;
    none: string;
  };
  /** The e-invoice's human texts (the line, its description, the note, the payment terms). */
  readonly einvoice: {
    lineName(run: string, year: number): string;
    line(period: { from: CalendarDate; to: CalendarDate }, population: number, price: string, year: number): string;
    knee(threshold: number, reduced: number, kneePrice: Decimal): string;
    creditNoteLine(invoiceNumber: string, billed: string): string;
    creditNoteNote(invoiceNumber: string): string;
    paymentTerms(days: number): string;
  };
  /** `flis exit --kommune`. */
  readonly exitReport: {
    title(municipality: string): string;
    labels: { made: string; exitDate: string; covers: string; repaymentPeriod: string; settlement: string };
    /** The day the report was made. */
    made(date: CalendarDate): string;
    exitDate(date: CalendarDate): string;
    covers(from: CalendarDate, to: CalendarDate): string;
    repaymentEnds(date: CalendarDate): string;
    settlement(total: Decimal): string;
    columns: { year: string; period: string; population: string; basis: string; annualFee: string; months: string; amount: string };
    total: string;
    basis(source: PopulationSource, year: number): string;
    howComputed: string;
    afterAgreement(exitDate: CalendarDate, end: CalendarDate): string;
    whatSettlementIs(name: string, from: CalendarDate, end: CalendarDate): string;
    availableLater(name: string, from: CalendarDate): string;
    dstYears(years: readonly number[]): string;
    /** `latest`: the population's source, when it shows the figure was DST's latest (FiguresSource.latest). */
    carriedForward(years: readonly number[], population: number, basisYear: number, latest: FiguresSource | undefined): string;
    forecastYears(years: readonly number[]): string;
    /** The sources of the figures (sources.population's and sources.forecast's words). */
    sources(population: string, forecast: string | undefined): string;
    amounts(vatRate: Decimal, price: Decimal, kneePrice: Decimal, kneeThreshold: number): string;
    /** The tariff's versions known on the exit date (billing rules §11): from when, which price (and knee, VAT). */
    versions(versions: readonly { readonly from: CalendarDate; readonly price: Decimal; readonly kneeThreshold: number; readonly kneeRate: Decimal; readonly vatRate: Decimal; readonly decision?: string }[]): string;
    creditsNotLookedUp: string;
    /** The runs from `year` (the exit year) on are compared with the run folder. */
    creditsListed(year: number): string;
    creditsHeading(exitDate: CalendarDate): string;
    noCredits: string;
    creditColumns: { run: string; period: string; invoice: string; issued: string; owed: string; toCredit: string; toBill: string };
  };
  /**
   * `flis exit --kommune … --format html|pdf`: the settlement as a dated letter from the seller (the config's) to
   * the municipality (its legal name and address), ready to sign; and the sender's line of the text report.
   */
  readonly exitLetter: {
    /** The label of the sender's line in the text and Markdown report. */
    from: string;
    /** The subject line, which is also the document's title. */
    subject(legalName: string): string;
    /** The letter's date, in its head. */
    date(day: CalendarDate): string;
    cvr(cvr: string): string;
    phone(phone: string): string;
    /** The first paragraph: what the municipality pays on leaving, under which clauses, and what follows (`byYear`: a table per year). */
    opening(legalName: string, exitDate: CalendarDate, total: Decimal, byYear: boolean): string;
    clausesHeading: string;
    /** The clauses the settlement rests on, each with what it holds, as the tariff applies it. */
    clauses(start: CalendarDate, end: CalendarDate, price: Decimal, kneePrice: Decimal, kneeThreshold: number): readonly { clause: string; holds: string }[];
    /** Where to ask: the sender's name, e-mail and telephone (if any). */
    contact(name: string, email: string, phone: string | undefined): string;
    closing: string;
    signature: string;
    nameAndTitle: string;
    /** The PDF's page footer. */
    page(page: number, pages: number): string;
  };
  /** `flis revenue`: text, Markdown, the HTML page and the sentences of its JSON. */
  readonly revenue: {
    title(from: number, to: number): string;
    heading(from: number, to: number, byKommune: boolean): string;
    /** The inputs as the reader knows them: `population` and `forecast` are sources.population's and sources.forecast's words. */
    inputs: {
      population(source: string): string;
      roster(municipalities: number): string;
      forecast(source: string | undefined): string;
      invoices(given: boolean): string;
      costs: string;
      line(parts: readonly string[]): string;
    };
    columns: { year: string; code: string; municipality: string; settlements: string; total: string; basis: string; income: string; costs: string; difference: string; accumulated: string };
    source(source: PopulationSource): string;
    /** The day the report was made. */
    made(date: CalendarDate): string;
    /** The heading of the verdict on the budget (Generelle vilkår pkt. 5). */
    verdictHeading: string;
    /** `difference` is income less costs; `exceedYears`, the years at whose end the accumulated income exceeds the accumulated costs. */
    answer(from: number, to: number, income: Decimal, costs: Decimal, difference: Decimal, exceedYears: readonly number[]): string;
    /** What follows from the answer in the agreement's words (CLAUSE_WORDS.surplus): `exceeds`, the income of the period exceeds its costs. */
    consequence(exceeds: boolean): string;
    /** The amount columns left out of a table because they are zero in every row (their headings). */
    omitted(headings: readonly string[]): string;
    /** The §5 price (--solve-price-from): the highest price from `from` at which the income of the period stays within its costs. */
    solvedPrice(solved: SolvedPriceWords, period: { readonly from: number; readonly to: number }): string;
    /** `latest`: whether the figures carried forward are known to be DST's latest (FiguresSource.latest). */
    legend(latest: boolean): string;
    budgetHeading: string;
    chartLabel: string;
    /** The chart with the costs beside the income. */
    chartLabelWithCosts: string;
    /** An axis or bar label: 44,0 mio. / 44.0 M. */
    millions(value: number): string;
    /** With a run folder: issued against owed (billing rules §10). */
    reconciliation: {
      heading: string;
      columns: { owed: string; issued: string; toCredit: string; toBill: string; run: string; invoice: string };
      /** The exit settlement where a run is named. */
      settlement: string;
      differencesHeading: string;
      noDifferences: string;
      notIssued(runs: readonly { readonly year: number; readonly run: string; readonly toBill: Decimal; readonly municipalities: number }[]): string;
    };
  };
  /** `flis check`: its one line on stdout (the problems and warnings themselves are messages for the operator, in English). */
  readonly check: {
    summary(problems: number, warnings: number, files: readonly string[], year: number | undefined): string;
  };
  /** `flis exit --all`. */
  readonly exitOverview: {
    title(exitDate: CalendarDate): string;
    heading(exitDate: CalendarDate, end: CalendarDate): string;
    count(municipalities: number, total: Decimal): string;
    columns: { code: string; municipality: string; from: string; years: string; basis: string; settlement: string; toCredit: string; toBill: string };
    source(source: PopulationSource): string;
    legend(latest: boolean): string;
    /** With a run folder: what the to credit and to bill columns hold. */
    runsCompared: string;
    notIncluded(names: readonly string[]): string;
    left(name: string, code: string, exitDate: CalendarDate | undefined): string;
  };
  /** The workbooks (--format xlsx, and the run folder's with --xlsx): sheet names, the columns the other texts do not name, the "Om data" sheet. */
  readonly workbook: {
    /** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
    sheets: {
      settlement: string;
      years: string;
      settlements: string;
      compared: string;
      revenue: string;
      differences: string;
      invoices: string;
      documents: string;
      about: string;
    };
    columns: { code: string; municipality: string; from: string; to: string; firstYear: string; lastYear: string };
    /** The invoice file's columns, by field (documents/invoice-document.ts INVOICE_FIELDS): every field has one. */
    invoiceColumns: Readonly<Record<string, string>>;
    /** A document's type (CSV document_type: invoice, credit_note) in words. */
    documentType(type: string): string;
    /** The headings of the "Om data" sheet. */
    about: { figures: string; sources: string; clauses: string; writtenBy: string };
    /** Where the figures come from besides the population and forecast (sources.population, sources.forecast), as a reader knows each: never a file or an option. */
    sources: {
      roster(municipalities: number): string;
      tariff(name: string, builtIn: boolean): string;
      /** The documents issued in a run folder, compared with what is owed. */
      issued: string;
      costs: string;
    };
    /** Each clause the figures rest on, and what it holds. */
    clauses: readonly string[];
    writtenBy(version: string): string;
    /** The invoice workbook: the CSV beside it is the file finance imports; the workbook shows the same documents. */
    invoiceFile(csv: string): string;
  };
}

const TEXTS: Readonly<Record<Lang, Texts>> = {
  da: { lang: 'da', format: peopleFormat('da'), ...DANISH },
  en: { lang: 'en', format: peopleFormat('en'), ...ENGLISH },
};

export function textsFor(lang: Lang): Texts {
  return TEXTS[lang];
}

/** A language's texts without the two fields added here. */
export type LanguageTexts = Omit<Texts, 'lang' | 'format'>;
