import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  daysInMonth,
  endOfMonthsFrom,
  formatDate,
  fromDayNumber,
  isValidDate,
  parseIsoDate,
  parseTypedDate,
  toDayNumber,
} from '../../src/engine/dates.js';
import { day } from '../support.js';

describe('calendar dates', () => {
  it('counts days from 1970-01-01 as Date.UTC does, both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 100_000 }), (n) => {
        const d = fromDayNumber(n);
        expect(toDayNumber(d)).toBe(n);
        expect(formatDate(d)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('parses only real YYYY-MM-DD days', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('2025-13-01')).toBeUndefined();
    expect(parseIsoDate('2025-1-01')).toBeUndefined();
    expect(parseIsoDate('01-01-2025')).toBeUndefined();
    expect(isValidDate(2025, 4, 31)).toBe(false);
  });

  it('a typed date: YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY; no other form, and no guessing at an ambiguous one', () => {
    const day29 = { ok: true, date: { year: 2024, month: 2, day: 29 } };
    for (const text of ['2024-02-29', '29-02-2024', '29.02.2024', ' 29.02.2024\t']) expect(parseTypedDate(text), text).toEqual(day29);
    const form = 'write YYYY-MM-DD (2025-03-15), DD-MM-YYYY (15-03-2025) or DD.MM.YYYY (15.03.2025)';
    // 03/04/2025 is the 3rd of April to a Dane and the 4th of March to an American: neither is guessed.
    for (const text of ['03/04/2025', '2025.03.15', '1.3.2025', '15.03-2025', '15-03.2025', '15.03.25', '2025-03-15T00:00', '']) {
      expect(parseTypedDate(text), text).toEqual({ ok: false, message: `"${text.trim()}" is not a date: ${form}` });
    }
    for (const text of ['30.02.2024', '31-04-2025', '2025-13-01', '00.01.2025']) {
      expect(parseTypedDate(text), text).toEqual({ ok: false, message: `"${text}" is not a real calendar day` });
    }
  });

  it('adds days across month and year ends', () => {
    expect(formatDate(addDays(day('2024-12-31'), 1))).toBe('2025-01-01');
    expect(formatDate(addDays(day('2024-03-01'), -1))).toBe('2024-02-29');
  });

  describe('a period of two calendar months (the pilot free period, §5)', () => {
    it.each([
      ['2025-01-15', '2025-03-14'],
      ['2025-01-01', '2025-02-28'],
      ['2024-01-01', '2024-02-29'],
      ['2025-01-31', '2025-03-30'],
      ['2024-12-31', '2025-02-28'],
      ['2023-12-31', '2024-02-29'],
      ['2024-12-30', '2025-02-28'],
      ['2023-12-29', '2024-02-28'],
      ['2025-06-30', '2025-08-29'],
      ['2025-11-15', '2026-01-14'],
    ])('from %s runs through %s', (start, end) => {
      expect(formatDate(endOfMonthsFrom(day(start), 2))).toBe(end);
    });
  });
});
