import { describe, expect, it } from 'vitest';
import { billableRanges, pilotFreePeriod, yearRange } from '../../src/engine/billable.js';
import { formatDate } from '../../src/engine/dates.js';
import { Decimal } from '../../src/engine/money.js';
import { FULL_YEAR, YEAR_SHARE_DENOMINATOR, chargeFor, shareOfYear } from '../../src/engine/proration.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import { connection, day } from '../support.js';

const twelfths = (n: number): number => (n * YEAR_SHARE_DENOMINATOR) / 12;
const fullYear = (year: number) => [yearRange(year)];

describe('share of a year (§4)', () => {
  it('a full calendar month is 1/12, whatever its length', () => {
    expect(shareOfYear(fullYear(2025), 2025, day('2025-01-31')).units).toBe(twelfths(1));
    expect(shareOfYear(fullYear(2025), 2025, day('2025-02-28')).units).toBe(twelfths(2));
    expect(shareOfYear(fullYear(2024), 2024, day('2024-02-29')).units).toBe(twelfths(2));
  });

  it('a full half-year is exactly half, in leap and common years', () => {
    for (const year of [2024, 2025]) {
      expect(shareOfYear(fullYear(year), year, day(`${year}-06-30`)).units).toBe(YEAR_SHARE_DENOMINATOR / 2);
      expect(shareOfYear(fullYear(year), year, day(`${year}-12-31`))).toEqual(FULL_YEAR);
    }
  });

  it('15–31 March is 17/31 of 1/12', () => {
    const ranges = [{ from: day('2025-03-15'), to: day('2025-03-31') }];
    const share = shareOfYear(ranges, 2025, day('2025-12-31'));
    expect(share.units * 31 * 12).toBe(17 * YEAR_SHARE_DENOMINATOR);
  });

  it('counts nothing through a day before the year, and the whole year through a day after it', () => {
    expect(shareOfYear(fullYear(2025), 2025, day('2024-12-31')).units).toBe(0);
    expect(shareOfYear(fullYear(2025), 2025, day('2026-03-01'))).toEqual(FULL_YEAR);
  });

  it('charges exactly: a twelfth of Odense is 119,094.203333…, not rounded', () => {
    const fee = new Decimal('1429130.44');
    const charge = chargeFor(fee, shareOfYear(fullYear(2024), 2024, day('2024-01-31')));
    expect(charge.toFixed(6)).toBe('119094.203333');
    expect(chargeFor(fee, FULL_YEAR).toString()).toBe('1429130.44');
  });
});

describe('what is billable (§5)', () => {
  const t = FLIS_2024_2033;
  const show = (ranges: ReturnType<typeof billableRanges>) => ranges.map((r) => `${formatDate(r.from)}..${formatDate(r.to)}`);

  it('from the available-from date, never before the agreement starts', () => {
    expect(show(billableRanges(connection({ availableFrom: '2025-03-15' }), t, yearRange(2025)))).toEqual(['2025-03-15..2025-12-31']);
    expect(show(billableRanges(connection({ availableFrom: '2019-05-01' }), t, yearRange(2024)))).toEqual(['2024-01-01..2024-12-31']);
    expect(show(billableRanges(connection({ availableFrom: '2019-05-01' }), t, yearRange(2023)))).toEqual([]);
  });

  it('to the day before the exit date, never after the agreement ends', () => {
    expect(show(billableRanges(connection({ exitDate: '2025-10-01' }), t, yearRange(2025)))).toEqual(['2025-01-01..2025-09-30']);
    expect(show(billableRanges(connection({ exitDate: '2025-10-16' }), t, yearRange(2025)))).toEqual(['2025-01-01..2025-10-15']);
    expect(show(billableRanges(connection({ exitDate: '2025-01-01' }), t, yearRange(2025)))).toEqual([]);
    expect(show(billableRanges(connection({}), t, yearRange(2033)))).toEqual(['2033-01-01..2033-12-31']);
    expect(show(billableRanges(connection({}), t, yearRange(2034)))).toEqual([]);
  });

  it('outside the pilot free period, which may split the year in two', () => {
    expect(show(billableRanges(connection({ pilotStart: '2025-01-01' }), t, yearRange(2025)))).toEqual(['2025-03-01..2025-12-31']);
    expect(show(billableRanges(connection({ pilotStart: '2025-05-15' }), t, yearRange(2025)))).toEqual([
      '2025-01-01..2025-05-14',
      '2025-07-15..2025-12-31',
    ]);
    expect(show(billableRanges(connection({ pilotStart: '2024-12-31' }), t, yearRange(2025)))).toEqual(['2025-03-01..2025-12-31']);
  });

  it('a pilot starting on the 31st is free through the 30th two months on, or the end of a short month', () => {
    const p = (start: string) => pilotFreePeriod(connection({ pilotStart: start }), t)!;
    expect(formatDate(p('2025-01-31').to)).toBe('2025-03-30');
    expect(formatDate(p('2024-12-31').to)).toBe('2025-02-28');
    expect(formatDate(p('2023-12-31').to)).toBe('2024-02-29');
    expect(formatDate(p('2025-03-31').to)).toBe('2025-05-30');
    expect(formatDate(p('2025-07-31').to)).toBe('2025-09-30');
  });

  it('no pilot free period when the tariff gives none', () => {
    expect(pilotFreePeriod(connection({ pilotStart: '2025-01-01' }), { ...t, pilotFreeMonths: 0 })).toBeUndefined();
  });
});
