// Statistics Denmark (DST) population files, in every shape seen in the wild (fixtures/dst/SOURCES.md):
//
// - StatBank API CSV ("long"): a header row naming the variables (OMRÅDE, CIVILSTAND, KØN, ALDER, TID, INDHOLD),
//   one figure per row; areas as labels, codes, or code and label.
// - statistikbanken.dk web exports ("pivot"): title lines, a header row whose first cells are blank (the stub
//   columns) followed by the values of one variable (years, or e.g. Total/Men/Women), group rows, and stub
//   cells left blank to be filled down from the rows above.
//
// Only what billing needs is kept: the population on 1 January (TID 2024K1, 2024Q1, 2024M01, or a bare year
// 2024 in annual tables) of each of the 98 municipalities, from rows where every other variable is at its total.
// Aggregates (Hele landet, regions, Christiansø, …) are recognised and skipped, but where a file gives all
// Denmark, Christiansø and the 98, they must add up, as DST's figures do. Memory does not grow with the
// length of the file: rows are streamed and only the kept figures stay. A plain API file read whole (the
// shipped one, and what flis fetch saves) takes a shortcut that checks its lines all at once and makes records
// only of the lines of 1 January (plainApiRecords); tests hold it to the line-by-line reading.

import { InputError, type InputProblem, ProblemList } from '../errors.js';
import { type AreaMatch, MUNICIPALITIES, type Municipality, describeMunicipality, matchArea } from '../engine/municipalities.js';
import type { PopulationFigure, PopulationTable } from '../engine/types.js';
import { type CsvRecord, type Delimiter, fieldProblem, isBlankRecord, isPlainCsv, parseCsv, plainRecord, refuseNotCsv, sniffDelimiter } from './csv.js';
import { type TextEncoding, decodeText } from './text.js';

export interface PopulationRead {
  readonly file: string;
  readonly encoding: TextEncoding;
  readonly delimiter: Delimiter;
  readonly layout: 'api' | 'statbank';
  readonly figures: PopulationTable;
  /** Lines read, header and blank lines included. */
  readonly lines: number;
  /** Things worth telling the user that are not errors (e.g. bare years read as 1 January). */
  readonly notices: readonly string[];
  /**
   * How the times of the figures kept are written: quarters (2024K1, 2024Q1: FOLK1A), months (2024M01: FOLK1AM)
   * or bare years (annual tables, projections). What the documents can tell of the table a file comes from.
   */
  readonly times: ReadonlySet<TimeNotation>;
}

export type TimeNotation = 'quarter' | 'month' | 'year';

export interface PopulationReadOptions {
  /** Called now and then with the number of lines read so far. */
  readonly onProgress?: (lines: number) => void;
  /**
   * Sum the sexes where KØN has no total, as DST's municipal projections (FRKM) are published: the figure is
   * then the sum of one row per sex (every sex present once), with the other variables at their totals.
   */
  readonly sumSexes?: boolean;
  /** Every line as a record, even in a plain API file (see plainApiRecords): for the tests that hold the two equal. */
  readonly lineByLine?: boolean;
}

const SEX_HEADERS = new Set(['KØN', 'KOEN', 'KON', 'SEX']);

const PROGRESS_EVERY = 100_000;
const MAX_HEADER_SEARCH = 25;

const AREA_HEADERS = new Set(['OMRÅDE', 'OMRADE', 'AREA', 'REGION', 'KOMMUNE', 'KOMMUNEDK', 'KOMK', 'BOPKOM']);
const TIME_HEADERS = new Set(['TID', 'TIME']);
const VALUE_HEADERS = new Set(['INDHOLD', 'CONTENTS', 'VALUE']);

// ---------------------------------------------------------------------------------------------------------
// Values

export interface TimeValue {
  readonly year: number;
  /** Whether the period is the population on 1 January of `year` (K1, Q1, M01, or a bare year). */
  readonly janFirst: boolean;
  readonly bareYear: boolean;
  readonly notation: TimeNotation;
}

/** 2024K1 (FOLK1A), 2024Q1 (English exports), 2024M01 (FOLK1AM), 2024 (annual tables). */
export function parseTime(text: string): TimeValue | undefined {
  const t = text.trim();
  const m = /^(\d{4})(?:([KQ])([1-4])|M(0[1-9]|1[0-2]))?$/.exec(t);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2]) return { year, janFirst: m[3] === '1', bareYear: false, notation: 'quarter' };
  if (m[4]) return { year, janFirst: m[4] === '01', bareYear: false, notation: 'month' };
  return { year, janFirst: true, bareYear: true, notation: 'year' };
}

/** ".." is DST's "not available"; otherwise a whole, non-negative number written without separators. */
export function parseCount(text: string): number | null | 'invalid' | 'negative' {
  const t = text.trim();
  if (t === '..') return null;
  if (/^\d{1,15}$/.test(t)) return Number(t);
  if (/^-\d+$/.test(t)) return 'negative';
  return 'invalid';
}

// The totals DST writes (fixtures/dst, fixtures/statbank/*-tableinfo.json): a variable's total has the code TOT
// or IALT and the label "I alt" (Danish) or "Total" (English), or the variable's own name with "i alt" / ", total":
// "Alder i alt" / "Age, total" (ALDER), "Køn i alt" / "Sex, total" (KØN); with valuePresentation=CodeAndValue the
// code comes first ("TOT I alt", "IALT Alder i alt"). Nothing else is a total: "Kvinder i alt", "Total, 0-17
// years" or "TOT 0-17" are totals of a part of the variable, and a municipality billed on them is billed too little.

const TOTAL_CODES = new Set(['tot', 'ialt']);
const TOTAL_LABELS = new Set(['i alt', 'total']);

/** The names of the variables of DST's population tables, as their own totals spell them (Danish, English). */
const VARIABLE_WORDS: readonly (readonly string[])[] = [
  ['alder', 'age'],
  ['køn', 'sex'],
  ['civilstand', 'marital status'],
];

/** The words a variable's own total is spelt with: its DST names, or its heading; every variable's where unnamed. */
function ownWords(name: string | undefined): readonly string[] {
  if (name === undefined) return VARIABLE_WORDS.flat();
  const heading = name.trim().toLowerCase();
  const key = SEX_HEADERS.has(heading.toUpperCase()) ? 'køn' : heading;
  return VARIABLE_WORDS.find((words) => words.includes(key)) ?? [heading];
}

/**
 * Whether a value of a variable is its total: TOT, IALT, I alt, Total, the variable's own "Alder i alt" /
 * "Age, total", or a code of a total before its label ("TOT I alt"). `variable` is the column heading (ALDER,
 * KØN, …); without it (the stub columns of a web export) the own totals of every population variable count.
 */
export function isTotalLabel(text: string, variable?: string): boolean {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const label = (value: string): boolean =>
    TOTAL_LABELS.has(value) || ownWords(variable).some((word) => value === `${word} i alt` || value === `${word}, total`);
  if (TOTAL_CODES.has(t) || label(t)) return true;
  const coded = /^(tot|ialt) (.+)$/.exec(t);
  return coded !== null && label(coded[2]!);
}

/** The totals a variable takes, for a message: I alt, Total, TOT, IALT, "Alder i alt" or "Age, total". */
function totalsOf(variable: string | undefined): string {
  if (variable === undefined) return 'I alt, Total, TOT, IALT, or a variable\'s own total such as "Alder i alt"';
  const [own, english] = ownWords(variable);
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return `I alt, Total, TOT, IALT, "${capital(own!)} i alt"${english ? ` or "${capital(english)}, total"` : ''}`;
}

/** Whether a value reads like a total without being one ("Kvinder i alt", "Total, 0-17", "TOT 0-17"). */
function looksLikeTotal(text: string): boolean {
  return /(^|\s)(i alt|ialt|total|tot)(\s|,|$)/i.test(text.trim());
}

/** Memoises a pure function of a string; stops remembering past `limit` entries so memory stays bounded. */
function memo<T>(fn: (key: string) => T, limit = 10_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size < limit) cache.set(key, value);
    return value;
  };
}

// ---------------------------------------------------------------------------------------------------------
// The variables other than area and time: only rows at their total count.

/** A value of a variable where it was first seen: its line, and the line's text where known. */
interface Seen {
  readonly value: string;
  readonly line: number;
  readonly excerpt?: string | undefined;
}

/** The line shown under a problem, the value marked where it stands only once in it (a "1" may be in "101"). */
const shown = (seen: Seen) =>
  seen.excerpt === undefined ? {} : { excerpt: seen.excerpt, ...(seen.excerpt.indexOf(seen.value) === seen.excerpt.lastIndexOf(seen.value) ? { culprit: seen.value } : {}) };

class Dimension {
  sawTotal = false;
  firstOther: Seen | undefined;
  /** The first value that reads like a total but is not this variable's ("Kvinder i alt"). */
  firstLookalike: Seen | undefined;
  private readonly isTotal: (value: string) => boolean;

  /** `variable`: the column heading, where the file names the variable (API files). */
  constructor(
    readonly name: string,
    private readonly variable?: string,
  ) {
    this.isTotal = memo((value) => isTotalLabel(value, variable));
  }

  /** Whether the value is the total; remembers what was seen (on `line`, which reads `excerpt`). */
  observe(value: string, line: number, excerpt?: string): boolean {
    if (this.isTotal(value)) {
      this.sawTotal = true;
      return true;
    }
    if (!this.firstOther) this.firstOther = { value: value.trim(), line, excerpt };
    if (!this.firstLookalike && looksLikeTotal(value)) this.firstLookalike = { value: value.trim(), line, excerpt };
    return false;
  }

  problem(file: string): InputProblem | undefined {
    if (this.sawTotal || !this.firstOther) return undefined;
    const lookalike = this.firstLookalike;
    if (lookalike) {
      return {
        file,
        line: lookalike.line,
        ...shown(lookalike),
        message: `${this.name} has no total, only "${lookalike.value}", which is not ${this.name}'s own total and may count only a part of it (a sex, an age band): the file does not say how many citizens there are in all`,
        hint: `flis takes only the total of all of ${this.name}: ${totalsOf(this.variable)}. Export the table again with it selected (or without ${this.name}).`,
      };
    }
    return {
      file,
      line: this.firstOther.line,
      ...shown(this.firstOther),
      message: `${this.name} has no total (I alt, Total, TOT or IALT), only values like "${this.firstOther.value}": the file does not say how many citizens there are in all`,
      hint: `Export the table again with the total of ${this.name} selected (or without ${this.name}).`,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Collecting the figures

/** The labels matchArea gives all of Denmark, and Christiansø (an area of DST's tables, not a municipality). */
const COUNTRY = new Set(['Hele landet', 'Landet i alt', 'All Denmark', 'Denmark', 'Danmark']);
const CHRISTIANSO = 'Christiansø';

class FigureCollector {
  readonly figures = new Map<string, Map<number, PopulationFigure>>();
  readonly problems = new ProblemList();
  bareYears = false;
  readonly times = new Set<TimeNotation>();
  /** All Denmark and Christiansø on 1 January, by year: the 98 and Christiansø must add up to the country. */
  private readonly country = new Map<number, { count: number; record: CsvRecord; column: number }>();
  private readonly christianso = new Map<number, number>();

  constructor(readonly file: string) {}

  /** A figure of an aggregate at the totals of the other variables (only all Denmark and Christiansø are kept). */
  addAggregate(label: string, year: number, count: number, record: CsvRecord, column: number): void {
    if (COUNTRY.has(label) && !this.country.has(year)) this.country.set(year, { count, record, column });
    else if (label === CHRISTIANSO && !this.christianso.has(year)) this.christianso.set(year, count);
  }

  /**
   * DST's figures add up exactly: on 1 January of a year, the 98 municipalities and Christiansø are all Denmark.
   * Where a file gives all of them (each published), a sum that differs means a figure was changed after the
   * export.
   */
  checkSum(): void {
    for (const [year, { count, record, column }] of this.country) {
      const christianso = this.christianso.get(year);
      if (christianso === undefined) continue;
      let sum = christianso;
      for (const m of MUNICIPALITIES) {
        const figure = this.figures.get(m.code)?.get(year)?.count;
        // ".." and 0 (DST's marks of a figure not published) are told where they are billed, not here.
        if (figure === undefined || figure === null || figure === 0) {
          sum = Number.NaN;
          break;
        }
        sum += figure;
      }
      if (Number.isNaN(sum) || sum === count) continue;
      this.problems.add({
        file: this.file,
        line: record.line,
        column,
        excerpt: record.raw,
        message: `the 98 municipalities and Christiansø add up to ${sum} on 1 January ${year}, but all Denmark is ${count} here (${sum > count ? '+' : ''}${sum - count}): a figure in the file is not DST's`,
        hint: "DST's figures add up exactly; a figure was changed after the export, or the file mixes exports. Export the table again.",
      });
    }
  }

  /** The figures of a municipality by year, made on first use. */
  private yearsOf(code: string): Map<number, PopulationFigure> {
    let byYear = this.figures.get(code);
    if (!byYear) this.figures.set(code, (byYear = new Map()));
    return byYear;
  }

  /** A figure from `record` (its excerpt is only made for a problem). */
  add(municipality: Municipality, year: number, count: number | null, record: CsvRecord, column: number): void {
    const line = record.line;
    const code = municipality.code;
    const byYear = this.yearsOf(code);
    const existing = byYear.get(year);
    if (existing) {
      if (existing.count === count) return;
      this.problems.add({
        file: this.file,
        line,
        column,
        excerpt: record.raw,
        message: `a second, different population figure for ${describeMunicipality(municipality)} on 1 January ${year}: ${count ?? '..'} here, ${existing.count ?? '..'} on line ${existing.source.line}`,
        hint: 'A file must give one figure per municipality and year; export the table again.',
      });
      return;
    }
    byYear.set(year, { code, year, count, source: { file: this.file, line, column } });
  }

  /** Parts of a figure to be summed (one per sex), by municipality and year. */
  private readonly parts = new Map<string, { municipality: Municipality; year: number; counts: Map<string, number | null>; line: number; column: number }>();
  private readonly partLabels = new Set<string>();

  addPart(municipality: Municipality, year: number, label: string, count: number | null, record: CsvRecord, column: number): void {
    const line = record.line;
    const key = `${municipality.code}:${year}`;
    let entry = this.parts.get(key);
    if (!entry) this.parts.set(key, (entry = { municipality, year, counts: new Map(), line, column }));
    this.partLabels.add(label);
    if (entry.counts.has(label)) {
      this.problems.add({
        file: this.file,
        line,
        column,
        excerpt: record.raw,
        message: `a second figure for ${describeMunicipality(municipality)}, ${label}, on 1 January ${year}`,
        hint: 'A file must give one figure per municipality, sex and year; export the table again.',
      });
      return;
    }
    if (count === 0) {
      // A sum with one sex at 0 would bill a municipality on half its citizens, and none has no men or women.
      this.problems.add({
        file: this.file,
        line,
        column,
        excerpt: record.raw,
        message: `0 for ${label} in ${describeMunicipality(municipality)} on 1 January ${year}: no municipality has none, and the sum of the sexes would count only the others`,
        hint: 'DST writes 0 where it keeps a figure back; use a projection in which the figure is published.',
      });
    }
    entry.counts.set(label, count);
  }

  /** Sums the parts into figures where the file has no total for the municipality and year. */
  sumParts(): void {
    for (const { municipality, year, counts, line, column } of this.parts.values()) {
      if (this.figures.get(municipality.code)?.has(year)) continue;
      const missing = [...this.partLabels].filter((label) => !counts.has(label));
      if (missing.length > 0) {
        this.problems.add({
          file: this.file,
          line,
          message: `${describeMunicipality(municipality)} on 1 January ${year} has no figure for ${missing.join(', ')}: the sexes cannot be summed`,
          hint: 'Export the table with every sex (or with the total) for every municipality and year.',
        });
        continue;
      }
      const values = [...counts.values()];
      const count = values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + (b as number), 0);
      this.yearsOf(municipality.code).set(year, { code: municipality.code, year, count, source: { file: this.file, line, column } });
    }
  }
}

function areaProblem(file: string, record: CsvRecord, column: number, value: string, match: AreaMatch & { kind: 'unknown' }): InputProblem {
  const suggestions = match.suggestions.map(describeMunicipality);
  const hint =
    suggestions.length > 0
      ? `Did you mean ${suggestions.join(', ')}? flis reads municipalities by DST code or DST name.`
      : 'flis reads municipalities by DST code (101) or DST name (København); aggregates (Hele landet, regions) are skipped. Is this a municipal population table?';
  return fieldProblem(file, record, `unknown area: ${match.reason}`, hint, column, value);
}

function countProblem(file: string, record: CsvRecord, column: number, value: string, kind: 'invalid' | 'negative'): InputProblem {
  const message =
    kind === 'negative'
      ? `a negative population count: "${value.trim()}"`
      : `not a population count: "${value.trim()}" (expected a whole number, or ".." where DST has no figure)`;
  const hint =
    kind === 'negative'
      ? 'A population cannot be below 0: check the figure, or export the table from Statistics Denmark again.'
      : 'Population counts are whole numbers without separators, as DST exports them.';
  return fieldProblem(file, record, message, hint, column, value);
}

function timeProblem(file: string, record: CsvRecord, column: number, value: string): InputProblem {
  const hint = 'Expected 2024K1 (quarter), 2024Q1 (English quarter), 2024M01 (month) or 2024 (year).';
  return fieldProblem(file, record, `not a DST time period: "${value.trim()}"`, hint, column, value);
}

const REEXPORT = 'Export the table from statistikbanken.dk again.';

// ---------------------------------------------------------------------------------------------------------
// Layouts

function isTitleRecord(fields: readonly string[]): boolean {
  return fields[0]!.trim() !== '' && fields.slice(1).every((f) => f.trim() === '');
}

function findHeaderKind(fields: readonly string[]): 'api' | 'statbank' | undefined {
  const names = fields.map((f) => f.trim().toUpperCase());
  if (names.some((n) => VALUE_HEADERS.has(n)) && names.some((n) => TIME_HEADERS.has(n))) return 'api';
  if (fields[0]!.trim() === '' && fields.some((f) => f.trim() !== '')) return 'statbank';
  return undefined;
}

const NOT_A_TABLE_HINT = 'Export FOLK1A or FOLK1AM from statistikbanken.dk or the StatBank API as CSV.';

/** Reading a layout: every record after the header, then what can only be said at the end. */
interface Layout {
  readonly row: (record: CsvRecord) => void;
  readonly finish: () => void;
}

type Classify = {
  area: (value: string) => AreaMatch;
  time: (value: string) => TimeValue | undefined;
  count: (value: string) => ReturnType<typeof parseCount>;
};

/** What a layout's reader works on: the header found, and where the figures go. */
interface LayoutInput {
  readonly file: string;
  readonly header: CsvRecord;
  readonly collector: FigureCollector;
  readonly sumSexes: boolean;
  /** The classifiers of this read, shared with the shortcut for plain files. */
  readonly c: Classify;
}

function classifiers(): Classify {
  return { area: memo(matchArea), time: memo(parseTime), count: parseCount };
}

function apiLayout({ file, header, collector, sumSexes, c }: LayoutInput): Layout {
  // Empty headings after the last named column (a trailing separator) are not columns.
  let named = header.fields.length;
  while (named > 1 && header.fields[named - 1]!.trim() === '') named--;
  const names = header.fields.slice(0, named).map((f) => f.trim().toUpperCase());
  const areaIndex = names.findIndex((n) => AREA_HEADERS.has(n));
  const timeIndex = names.findIndex((n) => TIME_HEADERS.has(n));
  const valueIndex = names.findIndex((n) => VALUE_HEADERS.has(n));
  if (areaIndex === -1) {
    throw new InputError({
      file,
      line: header.line,
      excerpt: header.raw,
      message: `the table has no area column (OMRÅDE): its columns are ${header.fields.map((f) => f.trim()).join(', ')}`,
      hint: 'Export the table with OMRÅDE (municipalities) included.',
    });
  }
  const dimensions = names
    .map((_, index) => ({ name: header.fields[index]!.trim(), index }))
    .filter(({ index }) => index !== areaIndex && index !== timeIndex && index !== valueIndex)
    .map(({ name, index }) => ({ index, dimension: new Dimension(name, name) }));
  const width = names.length;
  const problems = collector.problems;
  // With sumSexes, the sex variable's rows are parts of a figure rather than rows to skip.
  const sexAt = sumSexes ? dimensions.findIndex(({ dimension }) => SEX_HEADERS.has(dimension.name.toUpperCase())) : -1;

  const row = (record: CsvRecord): void => {
    const f = record.fields;
    // Fields past the header's that are empty (a trailing separator, as spreadsheets write) are ignored.
    if (f.length !== width && !(f.length > width && isBlankRecord(f.slice(width)))) {
      if (isBlankRecord(f)) return;
      const message = `the line has ${f.length} field${f.length === 1 ? '' : 's'}, the header has ${width}`;
      problems.add(fieldProblem(file, record, message, 'Every line of a StatBank CSV has the same fields as its header; export the table again.'));
      return;
    }
    let atTotals = true;
    let part: string | undefined;
    for (let d = 0; d < dimensions.length; d++) {
      const { index, dimension } = dimensions[d]!;
      if (dimension.observe(f[index]!, record.line, record.raw)) continue;
      if (d === sexAt) part = f[index]!.trim();
      else atTotals = false;
    }
    const timeText = f[timeIndex]!;
    const time = c.time(timeText);
    if (!time) problems.add(timeProblem(file, record, timeIndex + 1, timeText));
    const countText = f[valueIndex]!;
    const count = c.count(countText);
    if (count === 'invalid' || count === 'negative') problems.add(countProblem(file, record, valueIndex + 1, countText, count));
    const areaText = f[areaIndex]!;
    const area = c.area(areaText);
    if (area.kind === 'unknown') problems.add(areaProblem(file, record, areaIndex + 1, areaText, area));
    if (problems.full) throw new InputError(problems.list);

    if (area.kind === 'aggregate' && time?.janFirst && atTotals && part === undefined && typeof count === 'number') {
      collector.addAggregate(area.label, time.year, count, record, valueIndex + 1);
    }
    if (area.kind !== 'municipality' || !time?.janFirst || !atTotals || count === 'invalid' || count === 'negative') return;
    if (time.bareYear) collector.bareYears = true;
    collector.times.add(time.notation);
    if (part === undefined) collector.add(area.municipality, time.year, count, record, valueIndex + 1);
    else collector.addPart(area.municipality, time.year, part, count, record, valueIndex + 1);
  };
  const finish = (): void => {
    dimensions.forEach(({ dimension }, d) => {
      const problem = d === sexAt ? undefined : dimension.problem(file);
      if (problem) problems.add(problem);
    });
    collector.sumParts();
  };
  return { row, finish };
}

type StubKind = 'area' | 'time' | 'other';

function statbankLayout({ file, header, collector, c }: LayoutInput): Layout {
  const problems = collector.problems;
  const cells = header.fields.map((f) => f.trim());
  const stubCount = cells.findIndex((cell) => cell !== '');
  let end = cells.length;
  while (end > stubCount && cells[end - 1] === '') end--;
  const labels = cells.slice(stubCount, end);
  if (labels.some((l) => l === '')) {
    throw new InputError(fieldProblem(file, header, 'the header row has a blank column heading between its values', REEXPORT));
  }

  const looksLikeArea = (value: string): boolean => c.area(value).kind !== 'unknown' || /^\d{3,4}(\s|$)/.test(value.trim());
  const classify = (value: string): StubKind => (c.time(value) ? 'time' : looksLikeArea(value) ? 'area' : 'other');

  // The variable across the columns.
  const columnKind: StubKind = labels.every((l) => c.time(l))
    ? 'time'
    : labels.every((l) => c.area(l).kind !== 'unknown')
      ? 'area'
      : 'other';
  const columnTimes = labels.map((l) => c.time(l));
  const columnAreas = labels.map((l) => c.area(l));
  const columnDimension = new Dimension('the column heading');
  const columnIsTotal = labels.map((l) => columnKind !== 'other' || columnDimension.observe(l, header.line, header.raw));

  const stubKinds: (StubKind | undefined)[] = new Array(stubCount).fill(undefined);
  const stubDimensions: (Dimension | undefined)[] = new Array(stubCount).fill(undefined);
  const current: (string | undefined)[] = new Array(stubCount).fill(undefined);
  const currentLine: number[] = new Array(stubCount).fill(0);
  const currentRaw: string[] = new Array(stubCount).fill('');
  const width = stubCount + labels.length;

  const row = (record: CsvRecord): void => {
    const f = record.fields;
    if (isBlankRecord(f)) return;
    if (f.slice(width).some((cell) => cell.trim() !== '')) {
      problems.add(fieldProblem(file, record, `the line has values beyond the ${labels.length} column${labels.length === 1 ? '' : 's'} of the header`, REEXPORT));
      return;
    }
    for (let i = 0; i < stubCount; i++) {
      const cell = (f[i] ?? '').trim();
      if (cell === '') continue;
      current[i] = cell;
      for (let j = i + 1; j < stubCount; j++) current[j] = undefined;
      if (!stubKinds[i]) {
        stubKinds[i] = classify(cell);
        if (stubKinds[i] === 'other') stubDimensions[i] = new Dimension(`the variable in column ${i + 1}`);
      }
      // A label is checked where it is written, whether on a group row or on a row of figures.
      if (stubKinds[i] === 'area') {
        const area = c.area(cell);
        if (area.kind === 'unknown') problems.add(areaProblem(file, record, i + 1, cell, area));
      } else if (stubKinds[i] === 'time' && !c.time(cell)) {
        problems.add(timeProblem(file, record, i + 1, cell));
      } else if (stubKinds[i] === 'other') {
        currentLine[i] = record.line;
        currentRaw[i] = record.raw;
      }
    }
    const values = f.slice(stubCount, width);
    if (values.every((v) => v.trim() === '')) return; // a group row: it only sets labels for the rows below

    const missing = current.findIndex((v) => v === undefined);
    if (missing !== -1) {
      problems.add(fieldProblem(file, record, `a row of figures without a label in column ${missing + 1}, and none above it to fill down`, REEXPORT));
      return;
    }

    let area: AreaMatch | undefined;
    let time: TimeValue | undefined;
    let atTotals = true;
    for (let i = 0; i < stubCount; i++) {
      const value = current[i]!;
      const kind = stubKinds[i];
      if (kind === 'area') area = c.area(value);
      else if (kind === 'time') time = c.time(value);
      else if (!stubDimensions[i]!.observe(value, currentLine[i]!, currentRaw[i])) atTotals = false;
    }
    const rowOk = area?.kind !== 'unknown' && (stubKinds.includes('time') ? time !== undefined : true);

    for (let j = 0; j < labels.length; j++) {
      const text = values[j] ?? '';
      const column = stubCount + j + 1;
      const count = c.count(text);
      if (count === 'invalid' || count === 'negative') {
        problems.add(countProblem(file, record, column, text, count));
        continue;
      }
      if (!rowOk || !atTotals || !columnIsTotal[j]) continue;
      const cellArea = columnKind === 'area' ? columnAreas[j] : area;
      const cellTime = columnKind === 'time' ? columnTimes[j] : time;
      if (cellArea?.kind === 'aggregate' && cellTime?.janFirst && count !== null) collector.addAggregate(cellArea.label, cellTime.year, count, record, column);
      if (cellArea?.kind !== 'municipality' || !cellTime?.janFirst) continue;
      if (cellTime.bareYear) collector.bareYears = true;
      collector.times.add(cellTime.notation);
      collector.add(cellArea.municipality, cellTime.year, count, record, column);
    }
    if (problems.full) throw new InputError(problems.list);
  };

  const finish = (): void => {
    const kinds = [...stubKinds, columnKind];
    if (!kinds.includes('area')) {
      problems.add({
        file,
        line: header.line,
        excerpt: header.raw,
        message: 'no municipalities in this table: none of its variables is an area (municipality, region or Hele landet)',
        hint: 'Export a table by OMRÅDE (municipality), e.g. FOLK1A or FOLK1AM.',
      });
    }
    if (!kinds.includes('time')) {
      problems.add({
        file,
        line: header.line,
        excerpt: header.raw,
        message: 'no time variable in this table (2024K1, 2024Q1, 2024M01 or 2024)',
        hint: 'Export the table with TID (time) included.',
      });
    }
    for (const dimension of [...stubDimensions, columnKind === 'other' ? columnDimension : undefined]) {
      const problem = dimension?.problem(file);
      if (problem) problems.add(problem);
    }
  };
  return { row, finish };
}

// ---------------------------------------------------------------------------------------------------------
// The shortcut for plain API files

/** A plain API file's three columns, as written by DST: OMRÅDE;TID;INDHOLD (in this order). */
const PLAIN_TIME = String.raw`\d{4}(?:[KQ][1-4]|M(?:0[1-9]|1[0-2]))?`;
const PLAIN_COUNT = String.raw`(?:\d{1,15}|\.\.)`;

function plainPatterns(d: Delimiter) {
  const area = `[^${d}\\r\\n]*`;
  return {
    /** The start of a line that is not area;time;count (no m flag: only \n starts a line, as for the reader). */
    badLine: new RegExp(`(?:^|\\n)(?!${area}${d}${PLAIN_TIME}${d}${PLAIN_COUNT}(?:\\r?\\n|$))`),
    /** Every line's area (after the \n that starts it). */
    areas: new RegExp(`(?:^|\\n)${area}(?=${d})`, 'g'),
    /** The lines of figures on 1 January: 2024, 2024K1, 2024Q1 or 2024M01 (group 1: the line). */
    janFirst: new RegExp(`(?:^|\\n)(${area}${d}\\d{4}(?:[KQ]1|M01)?${d}[^\\r\\n]*)`, 'g'),
  };
}

export interface PlainRecords {
  readonly header: CsvRecord;
  /** The records of the lines with a figure on 1 January, in order, with their lines. */
  readonly records: readonly CsvRecord[];
  /** Lines in the file. */
  readonly lines: number;
}

/**
 * A StatBank API file at its plainest (the header OMRÅDE;TID;INDHOLD, every line an area, a period and a
 * count, every area one flis knows) is read without a record for every line: the API layout would only check
 * a line of another period than 1 January and pass over it, so those checks are made on the whole text at once,
 * by regular expressions, and only the lines of 1 January become records, which the layout reads as always.
 * Undefined for any other file (another header, a quote, a blank line, a value out of form, an unknown area):
 * it is read line by line, so that every problem is found and told at its line by the one reader.
 * A check added to the API layout must hold for every line these patterns pass over, or be made here too:
 * test/readers/plain-api.test.ts holds the two readings equal.
 */
export function plainApiRecords(text: string, delimiter: Delimiter, isKnownArea: (value: string) => boolean): PlainRecords | undefined {
  if (!isPlainCsv(text)) return undefined;
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 1) return undefined;
  const header = plainRecord(text.slice(0, text.charCodeAt(headerEnd - 1) === 13 ? headerEnd - 1 : headerEnd), 1, delimiter);
  const names = header.fields.map((f) => f.trim().toUpperCase());
  if (names.length !== 3 || !AREA_HEADERS.has(names[0]!) || !TIME_HEADERS.has(names[1]!) || !VALUE_HEADERS.has(names[2]!)) return undefined;

  const rest = text.slice(headerEnd + 1);
  if (rest === '') return { header, records: [], lines: 1 };
  // The last line's line break ends the file; a line after it (even a blank one) is read line by line.
  const body = rest.endsWith('\r\n') ? rest.slice(0, -2) : rest.endsWith('\n') ? rest.slice(0, -1) : rest;
  const patterns = plainPatterns(delimiter);
  if (body === '' || patterns.badLine.test(body)) return undefined;
  for (const area of new Set(body.match(patterns.areas))) {
    if (!isKnownArea(area.charCodeAt(0) === 10 ? area.slice(1) : area)) return undefined;
  }

  const records: CsvRecord[] = [];
  let line = 2; // of the body's character at `at`
  let at = 0;
  for (let m = patterns.janFirst.exec(body); m !== null; m = patterns.janFirst.exec(body)) {
    const start = m.index + m[0].length - m[1]!.length;
    for (let nl = body.indexOf('\n', at); nl !== -1 && nl < start; nl = body.indexOf('\n', nl + 1)) line++;
    at = start;
    records.push(plainRecord(m[1]!, line, delimiter));
  }
  let lines = line;
  for (let nl = body.indexOf('\n', at); nl !== -1; nl = body.indexOf('\n', nl + 1)) lines++;
  return { header, records, lines };
}

/** Reads a DST population file; throws an InputError listing every problem found. */
export async function readPopulation(file: string, bytes: AsyncIterable<Uint8Array>, options: PopulationReadOptions = {}): Promise<PopulationRead> {
  const text = await decodeText(file, bytes);
  refuseNotCsv(file, text.head);
  const delimiter = sniffDelimiter(text.head);
  const collector = new FigureCollector(file);
  let layout: Layout | undefined;
  let kind: 'api' | 'statbank' = 'api';
  let lines = 0;
  let nextReport = PROGRESS_EVERY;
  const c = classifiers();
  const noHeader = () => new InputError({ file, message: 'no header row found: the file has no DST table in it', hint: NOT_A_TABLE_HINT });

  const onRecord = (record: CsvRecord): void => {
    lines = record.line;
    if (options.onProgress && lines >= nextReport) {
      nextReport += PROGRESS_EVERY;
      options.onProgress(lines);
    }
    if (layout) {
      layout.row(record);
      return;
    }
    // Before the header: blank lines and title lines only.
    if (record.line > MAX_HEADER_SEARCH) throw noHeader();
    if (isBlankRecord(record.fields)) return;
    const found = findHeaderKind(record.fields);
    if (found) {
      kind = found;
      const input = { file, header: record, collector, sumSexes: options.sumSexes ?? false, c };
      layout = found === 'api' ? apiLayout(input) : statbankLayout(input);
      return;
    }
    if (isTitleRecord(record.fields)) return;
    throw new InputError({
      file,
      line: record.line,
      excerpt: record.raw,
      message: 'this is not a DST population table: no header row with TID and INDHOLD, and no statbank export header',
      hint: NOT_A_TABLE_HINT,
    });
  };

  const plain = text.complete && !options.lineByLine ? plainApiRecords(text.head, delimiter, (area) => c.area(area).kind !== 'unknown') : undefined;
  if (plain) {
    onRecord(plain.header);
    for (const record of plain.records) onRecord(record);
    lines = plain.lines;
  } else {
    await parseCsv(file, text.chunks, delimiter, onRecord);
  }

  if (!layout) throw noHeader();
  layout.finish();
  if (!options.sumSexes) collector.checkSum();
  collector.problems.throwIfAny();
  if (collector.figures.size === 0) {
    throw new InputError({
      file,
      message: 'the file has no population figure for any municipality on 1 January of any year',
      hint: 'flis bills on the population on 1 January (TID 2024K1, 2024Q1 or 2024M01); export a table that includes it.',
    });
  }
  const notices = collector.bareYears
    ? [`${file}: years without a quarter or month (e.g. "2024") are read as the population on 1 January of that year`]
    : [];
  return { file, encoding: text.encoding, delimiter, layout: kind, figures: collector.figures, lines, notices, times: collector.times };
}
