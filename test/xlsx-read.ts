// Reading a workbook back, for the tests: the archive unzipped (fflate) and the sheet XML read as SpreadsheetML
// defines it (shared strings, cell types, the number formats of the styles), so that a test sees what Excel
// would: a text, a number with its display format, a date (a number under a date format), and which rows are
// frozen. Written for the tests, independently of the writer (src/writers/xlsx.ts).

import { unzipSync } from 'fflate';

export type ReadCell =
  | { readonly kind: 'text'; readonly text: string; readonly bold: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly format: string; readonly bold: boolean }
  | { readonly kind: 'date'; readonly date: string; readonly format: string; readonly bold: boolean }
  | { readonly kind: 'formula'; readonly formula: string };

export interface ReadSheet {
  readonly name: string;
  /** Rows by their number (1-based); a row's cells by column (0-based); undefined where a cell is empty. */
  readonly rows: readonly (readonly (ReadCell | undefined)[])[];
  /** Rows frozen at the top (0 if none). */
  readonly frozenRows: number;
  readonly widths: readonly number[];
  /** The sheet's XML, as it stands in the archive. */
  readonly xml: string;
}

const BUILT_IN_FORMATS: Readonly<Record<number, string>> = { 0: 'General', 14: 'mm-dd-yy' };

const unescape = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name]!,
  );

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The text of a shared string or inline string: its <t> elements joined. */
const textOf = (xml: string): string => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => unescape(m[1] ?? '')).join('');

/** Whether a number format shows a date: it has day, month or year codes outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/[0#]/.test(bare);
}

/** Excel's serial day (1900 system) as an ISO date. */
function serialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function readWorkbook(bytes: Uint8Array): { sheets: ReadSheet[]; files: string[] } {
  const files = unzipSync(bytes);
  const text = (name: string): string => {
    const data = files[name];
    if (!data) throw new Error(`the workbook has no ${name}`);
    return new TextDecoder().decode(data);
  };
  const shared = files['xl/sharedStrings.xml'] ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!)) : [];
  const styles = text('xl/styles.xml');
  const formats = new Map<number, string>(Object.entries(BUILT_IN_FORMATS).map(([id, code]) => [Number(id), code]));
  for (const m of styles.matchAll(/<numFmt\s[^>]*>/g)) formats.set(Number(attribute(m[0], 'numFmtId')), unescape(attribute(m[0], 'formatCode')!));
  const bolds = [...styles.matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => /<b\/>/.test(m[1] ?? ''));
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!;
  const xfs = [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => ({
    format: formats.get(Number(attribute(m[0], 'numFmtId') ?? '0')) ?? 'General',
    bold: bolds[Number(attribute(m[0], 'fontId') ?? '0')] ?? false,
  }));

  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  const targets = new Map([...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => [attribute(m[0], 'Id')!, attribute(m[0], 'Target')!]));
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m): ReadSheet => {
    const name = unescape(attribute(m[0], 'name')!);
    const target = targets.get(attribute(m[0], 'r:id')!)!;
    const xml = text(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const rows: (ReadCell | undefined)[][] = [];
    for (const row of xml.matchAll(/<row\s[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = Number(attribute(row[0], 'r'));
      const cells: (ReadCell | undefined)[] = [];
      for (const c of (row[1] ?? '').matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const tag = `<c ${c[1]}>`;
        const inner = c[2] ?? '';
        const style = xfs[Number(attribute(tag, 's') ?? '0')] ?? { format: 'General', bold: false };
        const type = attribute(tag, 't');
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        const f = /<f>([\s\S]*?)<\/f>/.exec(inner)?.[1];
        const at = columnIndex(attribute(tag, 'r')!);
        if (f !== undefined) cells[at] = { kind: 'formula', formula: unescape(f) };
        else if (type === 's') cells[at] = { kind: 'text', text: shared[Number(v)]!, bold: style.bold };
        else if (type === 'inlineStr' || type === 'str') cells[at] = { kind: 'text', text: type === 'str' ? unescape(v ?? '') : textOf(inner), bold: style.bold };
        else if (v !== undefined && isDateFormat(style.format)) cells[at] = { kind: 'date', date: serialToIso(Number(v)), format: style.format, bold: style.bold };
        else if (v !== undefined) cells[at] = { kind: 'number', value: Number(v), format: style.format, bold: style.bold };
      }
      rows[r] = cells;
    }
    const pane = /<pane\s[^>]*>/.exec(xml)?.[0];
    const frozenRows = pane && attribute(pane, 'state') === 'frozen' ? Number(attribute(pane, 'ySplit') ?? '0') : 0;
    const widths: number[] = [];
    for (const col of xml.matchAll(/<col\s[^>]*>/g)) {
      for (let i = Number(attribute(col[0], 'min')); i <= Number(attribute(col[0], 'max')); i++) widths[i - 1] = Number(attribute(col[0], 'width'));
    }
    return { name, rows, frozenRows, widths, xml };
  });
  return { sheets, files: Object.keys(files) };
}

/** A sheet's rows after the header as records by header text (the header is row 1). */
export function records(sheet: ReadSheet): Record<string, ReadCell | undefined>[] {
  const header = (sheet.rows[1] ?? []).map((c) => (c?.kind === 'text' ? c.text : ''));
  return sheet.rows.slice(2).filter((r) => r !== undefined).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

export function sheetNamed(book: { sheets: ReadSheet[] }, name: string): ReadSheet {
  const sheet = book.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet "${name}" (sheets: ${book.sheets.map((s) => s.name).join(', ')})`);
  return sheet;
}

/** Every text of a sheet, in order. */
export function texts(sheet: ReadSheet): string[] {
  return sheet.rows.flatMap((row) => (row ?? []).flatMap((c) => (c?.kind === 'text' ? [c.text] : [])));
}
