// Workbooks (.xlsx) for the people who read the figures in Excel: a workbook is sheets of rows under a frozen
// header row, amounts stored as numbers with a display format (Excel shows them with the reader's own
// separators: 1.234,56 in Danish Excel), dates as dates, every text as a text (never a formula), and a last
// sheet, "Om data", saying where the figures come from and by which clauses. workbooks.ts builds the
// workbooks of the commands; this module only writes one. write-excel-file writes the sheets and styles; the
// archive is then written again with every entry dated 1 January 1980, so that the same workbook is the same
// bytes on any day and in any time zone (a run folder's manifest records its SHA-256, and `--out` finds a
// report already written by comparing bytes). Loaded only where a workbook is written.

import { unzipSync, zipSync } from 'fflate';
import writeXlsxFile, { type Cell as LibraryCell, type Sheet as LibrarySheet } from 'write-excel-file/node';
import { formulaProblem } from '../documents/identifiers.js';
import type { CalendarDate } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import { type Lang, textsFor } from '../texts/texts.js';

/**
 * How a number is shown. The format codes are Excel's, in its file notation (`,` groups thousands, `.` marks
 * decimals); Excel shows them with the separators of the reader's locale.
 */
export type NumberFormat = 'amount' | 'count' | 'exact' | 'rate' | 'plain';

const FORMAT_CODES: Readonly<Record<Exclude<NumberFormat, 'plain'>, string>> = {
  /** Kroner and øre: 1.234.567,89. */
  amount: '#,##0.00',
  /** Citizens: 659.350. */
  count: '#,##0',
  /** A price with every decimal it has, at least two: 7,96; 3,98. */
  exact: '#,##0.00##',
  /** A VAT rate as a percentage: 25%. */
  rate: '0%',
};

/** How a date is shown: as the documents of the language write one in a table. */
const DATE_CODES: Readonly<Record<Lang, string>> = { da: 'dd-mm-yyyy', en: 'yyyy-mm-dd' };

/** A cell: empty, a text, a number (its exact decimal text, "1610606.50", as the CSV has it) or a day. */
export type Cell = null | string | { readonly number: string | number; readonly format: NumberFormat } | { readonly date: CalendarDate };

export const amount = (plain: string): Cell => ({ number: plain, format: 'amount' });
export const count = (value: number | string): Cell => ({ number: value, format: 'count' });
export const exact = (plain: string): Cell => ({ number: plain, format: 'exact' });
export const rate = (plain: string): Cell => ({ number: plain, format: 'rate' });
export const plain = (value: number | string): Cell => ({ number: value, format: 'plain' });
export const day = (date: CalendarDate | undefined): Cell => (date ? { date } : null);

export interface Column {
  readonly header: string;
}

/** A sheet of rows under a header row (frozen), and its totals (in bold) after them. */
export interface Sheet {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  readonly totals?: readonly (readonly Cell[])[];
}

/** A heading (bold) and its lines of text: a part of the "Om data" sheet. */
export interface AboutPart {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface Workbook {
  readonly lang: Lang;
  readonly sheets: readonly Sheet[];
  /** The "Om data" sheet, last: a title, then its parts. */
  readonly about: { readonly title: string; readonly parts: readonly AboutPart[] };
}

/** The sheet names Excel takes: at most 31 characters, none of : \ / ? * [ ], unique. */
function checkNames(names: readonly string[]): void {
  names.forEach((name, i) => {
    if (name === '' || name.length > 31 || /[:\\/?*[\]]/.test(name) || names.indexOf(name) !== i) throw new RangeError(`not a sheet name Excel takes: "${name}"`);
  });
}

/** A text cell. A text that a spreadsheet would read as a formula never gets here: the readers refuse such input, and this is the last guard. */
function textCell(text: string, where: string, bold: boolean): LibraryCell {
  const wrong = formulaProblem(text);
  if (wrong) throw new RangeError(`${where}: ${wrong}`);
  return { value: text, type: String, ...(bold ? { fontWeight: 'bold' as const } : {}) };
}

/** The number a decimal text is, refused where the double Excel stores would not be that decimal exactly (to the last øre). */
function numberOf(value: string | number, where: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || !new Decimal(String(n)).equals(new Decimal(value))) throw new RangeError(`${where}: ${value} is not a number Excel holds exactly`);
  return n;
}

function libraryCell(cell: Cell, lang: Lang, where: string, bold = false): LibraryCell {
  if (cell === null) return null;
  if (typeof cell === 'string') return textCell(cell, where, bold);
  const weight = bold ? { fontWeight: 'bold' as const } : {};
  if ('date' in cell) {
    const { year, month, day: d } = cell.date;
    return { value: new Date(Date.UTC(year, month - 1, d)), type: Date, format: DATE_CODES[lang], ...weight };
  }
  const n = numberOf(cell.number, where);
  return { value: n, type: Number, ...(cell.format === 'plain' ? {} : { format: FORMAT_CODES[cell.format] }), ...weight };
}

/** How wide a cell reads, in characters: texts as they are, numbers and dates as the language shows them. */
function shownLength(cell: Cell, lang: Lang): number {
  if (cell === null) return 0;
  if (typeof cell === 'string') return cell.length;
  if ('date' in cell) return 10;
  const f = textsFor(lang).format;
  const text = String(cell.number);
  switch (cell.format) {
    case 'amount':
      return f.number(new Decimal(text).toFixed(2)).length;
    case 'count':
    case 'exact':
      return f.number(text).length;
    case 'rate':
      return 4;
    case 'plain':
      return text.length;
  }
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Each column as wide as its widest cell (header included) and a little more, within bounds. */
export function columnWidths(sheet: Sheet, lang: Lang): number[] {
  const all = [...sheet.rows, ...(sheet.totals ?? [])];
  return sheet.columns.map((column, i) => {
    const widest = Math.max(column.header.length, ...all.map((row) => shownLength(row[i] ?? null, lang)));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
  });
}

function dataSheet(sheet: Sheet, lang: Lang): LibrarySheet<never> {
  const width = sheet.columns.length;
  const row = (cells: readonly Cell[], r: number, bold: boolean) => {
    if (cells.length !== width) throw new RangeError(`sheet "${sheet.name}", row ${r}: ${cells.length} cells under ${width} columns`);
    return cells.map((cell, c) => libraryCell(cell, lang, `sheet "${sheet.name}", row ${r}, column "${sheet.columns[c]!.header}"`, bold));
  };
  const header = sheet.columns.map((column) => textCell(column.header, `sheet "${sheet.name}", header`, true));
  const rows = sheet.rows.map((cells, i) => row(cells, i + 2, false));
  const totals = (sheet.totals ?? []).map((cells, i) => row(cells, sheet.rows.length + i + 2, true));
  return {
    sheet: sheet.name,
    data: [header, ...rows, ...totals],
    columns: columnWidths(sheet, lang).map((w) => ({ width: w })),
    stickyRowsCount: 1,
  };
}

/** The "Om data" sheet: the title, then each part's heading in bold over its lines, in one wide column that wraps. */
function aboutSheet(about: Workbook['about'], name: string): LibrarySheet<never> {
  const line = (text: string, bold = false): LibraryCell[] => [{ ...textCell(text, `sheet "${name}"`, bold), wrap: true, alignVertical: 'top' }];
  const data: LibraryCell[][] = [line(about.title, true)];
  for (const part of about.parts) data.push([null], line(part.heading, true), ...part.lines.map((l) => line(l)));
  return { sheet: name, data, columns: [{ width: 110 }] };
}

/**
 * The archive again, in the same order, compressed as before, every entry dated 1 January 1980 00:00, the first
 * moment a zip archive can date (in local time, as a zip dates: so made in the zone flis runs in, the same
 * bytes in every zone).
 */
function dated(archive: Uint8Array): Uint8Array {
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries = unzipSync(archive);
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { mtime }] as [Uint8Array, { mtime: Date }]])), { level: 6 });
}

/** The workbook's bytes: the same workbook gives the same bytes, on any day, in any time zone. */
export async function workbookBytes(workbook: Workbook): Promise<Uint8Array> {
  const aboutName = textsFor(workbook.lang).workbook.sheets.about;
  checkNames([...workbook.sheets.map((s) => s.name), aboutName]);
  const sheets = [...workbook.sheets.map((s) => dataSheet(s, workbook.lang)), aboutSheet(workbook.about, aboutName)];
  const archive = await writeXlsxFile(sheets).toBuffer();
  return dated(archive);
}
