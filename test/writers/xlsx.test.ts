// The workbook writer: numbers stored as numbers with their display format, dates as dates, texts as texts
// (never a formula), a frozen header row, column widths, the "Om data" sheet; and the same workbook as the
// same bytes whatever the clock and the time zone say.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Workbook, amount, count, day, exact, plain, rate, workbookBytes } from '../../src/writers/xlsx.js';
import { readWorkbook, sheetNamed, texts } from '../xlsx-read.js';

const WORKBOOK: Workbook = {
  lang: 'da',
  sheets: [
    {
      name: 'Afregning',
      columns: [{ header: 'År' }, { header: 'Kommune' }, { header: 'Fra' }, { header: 'Befolkning' }, { header: 'Pris kr.' }, { header: 'Moms' }, { header: 'Beløb kr.' }],
      rows: [
        [plain(2027), 'København', day({ year: 2027, month: 1, day: 1 }), count(659350), exact('7.96'), rate('0.25'), amount('3221213.00')],
        [plain(2028), 'Læsø', day({ year: 2028, month: 2, day: 29 }), count(1750), exact('3.98'), rate('0.25'), amount('-0.01')],
      ],
      totals: [['I alt', null, null, null, null, null, amount('3221212.99')]],
    },
  ],
  about: { title: 'Titel', parts: [{ heading: 'Kilder', lines: ['Danmarks Statistik: befolkningstal pr. 1. januar 2024.'] }] },
};

afterEach(() => {
  vi.useRealTimers();
});

describe('a workbook', () => {
  it('stores amounts, counts, prices and rates as numbers with Danish-displayable formats, and dates as dates', async () => {
    const book = readWorkbook(await workbookBytes(WORKBOOK));
    const sheet = sheetNamed(book, 'Afregning');
    const [year, name, from, population, price, vat, total] = sheet.rows[2]!;
    expect(year).toMatchObject({ kind: 'number', value: 2027, format: 'General' });
    expect(name).toMatchObject({ kind: 'text', text: 'København' });
    expect(from).toMatchObject({ kind: 'date', date: '2027-01-01', format: 'dd-mm-yyyy' });
    expect(population).toMatchObject({ kind: 'number', value: 659350, format: '#,##0' });
    expect(price).toMatchObject({ kind: 'number', value: 7.96, format: '#,##0.00##' });
    expect(vat).toMatchObject({ kind: 'number', value: 0.25, format: '0%' });
    expect(total).toMatchObject({ kind: 'number', value: 3221213, format: '#,##0.00' });
    expect(sheet.rows[3]![2]).toMatchObject({ kind: 'date', date: '2028-02-29' });
    expect(sheet.rows[3]![6]).toMatchObject({ kind: 'number', value: -0.01 });
    // The totals in bold, the header in bold.
    expect(sheet.rows[4]![6]).toMatchObject({ kind: 'number', value: 3221212.99, bold: true });
    expect(sheet.rows[1]!.every((c) => c?.kind === 'text' && c.bold)).toBe(true);
  });

  it('freezes the header row, sizes each column to its widest cell, and ends with "Om data"', async () => {
    const book = readWorkbook(await workbookBytes(WORKBOOK));
    expect(book.sheets.map((s) => s.name)).toEqual(['Afregning', 'Om data']);
    const sheet = sheetNamed(book, 'Afregning');
    expect(sheet.frozenRows).toBe(1);
    // "København" (9) + 2; "3.221.213,00" (12) + 2; "I alt" (5) + 2, under the header "År".
    expect(sheet.widths[1]).toBe(11);
    expect(sheet.widths[6]).toBe(14);
    expect(sheet.widths[0]).toBe(7);
    expect(sheet.widths[5]).toBe(6); // "Moms" (4) + 2: the minimum
    expect(texts(sheetNamed(book, 'Om data'))).toEqual(['Titel', 'Kilder', 'Danmarks Statistik: befolkningstal pr. 1. januar 2024.']);
  });

  it('is the same bytes on another day, at another time, in another time zone', async () => {
    const zone = process.env.TZ;
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-12-02T08:00:00Z'));
      process.env.TZ = 'Europe/Copenhagen';
      const first = Buffer.from(await workbookBytes(WORKBOOK));
      vi.setSystemTime(new Date('2031-06-30T23:59:58Z'));
      process.env.TZ = 'Pacific/Kiritimati';
      const second = Buffer.from(await workbookBytes(WORKBOOK));
      expect(second.equals(first)).toBe(true);
      // Every entry of the archive is dated 1 January 1980, 00:00 (DOS date 0x0021, time 0): local header and central directory.
      const dates = [...first.toString('latin1').matchAll(/PK\x03\x04/g)].map((m) => first.readUInt32LE(m.index + 10));
      expect(dates.length).toBeGreaterThan(5);
      expect(new Set(dates)).toEqual(new Set([0x00210000]));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('stores a text as a text, never as a formula, and refuses one that a spreadsheet would read as one', async () => {
    const withText = (text: string): Workbook => ({ ...WORKBOOK, sheets: [{ name: 'Ark', columns: [{ header: 'Tekst' }], rows: [[text]] }] });
    const book = readWorkbook(await workbookBytes(withText('SUM(A1:A9)=1 & <b>"x"</b>')));
    const sheet = sheetNamed(book, 'Ark');
    expect(sheet.rows[2]![0]).toEqual({ kind: 'text', text: 'SUM(A1:A9)=1 & <b>"x"</b>', bold: false });
    expect(sheet.xml).not.toMatch(/<f>/);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      await expect(workbookBytes(withText(`${start}HYPERLINK("http://x")`)), JSON.stringify(start)).rejects.toThrow(/would read as a formula/);
    }
  });

  it('refuses an amount Excel cannot hold to the øre, a row that does not fit its columns and a sheet name Excel refuses', async () => {
    const sheet = WORKBOOK.sheets[0]!;
    await expect(workbookBytes({ ...WORKBOOK, sheets: [{ ...sheet, rows: [[plain(1), 'x', null, null, null, null, amount('123456789012345678.91')]] }] })).rejects.toThrow(/not a number Excel holds exactly/);
    await expect(workbookBytes({ ...WORKBOOK, sheets: [{ ...sheet, rows: [[plain(1)]] }] })).rejects.toThrow(/1 cells under 7 columns/);
    await expect(workbookBytes({ ...WORKBOOK, sheets: [{ ...sheet, name: 'Om data' }] })).rejects.toThrow(/not a sheet name/);
    await expect(workbookBytes({ ...WORKBOOK, sheets: [{ ...sheet, name: 'a/b' }] })).rejects.toThrow(/not a sheet name/);
  });

  it('writes its English sheets with ISO dates', async () => {
    const book = readWorkbook(await workbookBytes({ ...WORKBOOK, lang: 'en' }));
    expect(book.sheets.map((s) => s.name)).toEqual(['Afregning', 'About the data']);
    expect(sheetNamed(book, 'Afregning').rows[2]![2]).toMatchObject({ kind: 'date', date: '2027-01-01', format: 'yyyy-mm-dd' });
  });
});
