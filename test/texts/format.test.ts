import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money.js';
import { peopleFormat } from '../../src/texts/format.js';
import { day } from '../support.js';

const da = peopleFormat('da');
const en = peopleFormat('en');

describe('numbers for people', () => {
  it('Danish: . between thousands, , before øre, kr. after; English as flis always wrote them', () => {
    expect(da.amount(new Decimal('1429130.44'))).toBe('1.429.130,44');
    expect(da.money(new Decimal('1429130.44'))).toBe('1.429.130,44 kr.');
    expect(en.amount(new Decimal('1429130.44'))).toBe('1,429,130.44');
    expect(en.money(new Decimal('1429130.44'))).toBe('1,429,130.44 DKK');
    expect(da.amount(new Decimal('-714565.2'))).toBe('-714.565,20');
    expect(da.amount(new Decimal('-0'))).toBe('0,00');
    expect(da.amount(new Decimal('999'))).toBe('999,00');
    expect(da.count(659350)).toBe('659.350');
    expect(da.count(1000)).toBe('1.000');
    expect(en.count(150000)).toBe('150,000');
    expect(da.exact(new Decimal('7.96'))).toBe('7,96');
    expect(da.exact(new Decimal('3.9825'))).toBe('3,9825');
    expect(da.percent(new Decimal('0.25'))).toBe('25 %');
    expect(da.percent(new Decimal('0.125'))).toBe('12,5 %');
    expect(da.number('2.5161')).toBe('2,5161');
    expect(() => da.amount(new Decimal('1.005'))).toThrow(/whole øre/);
  });
});

describe('dates for people', () => {
  it('Danish: 1. januar 2027 in sentences, 01.01.2027 in tables; English: ISO', () => {
    expect(da.date(day('2027-01-01'))).toBe('1. januar 2027');
    expect(da.date(day('2024-02-29'))).toBe('29. februar 2024');
    expect(da.shortDate(day('2027-01-01'))).toBe('01.01.2027');
    expect(da.period({ from: day('2024-01-01'), to: day('2024-06-30') })).toBe('01.01.2024 – 30.06.2024');
    expect(en.date(day('2027-01-01'))).toBe('2027-01-01');
    expect(en.period({ from: day('2024-01-01'), to: day('2024-06-30') })).toBe('2024-01-01 – 2024-06-30');
  });

  it('a period in words names the month and year once where they are shared', () => {
    expect(da.periodInWords({ from: day('2024-01-01'), to: day('2024-06-30') })).toBe('1. januar – 30. juni 2024');
    expect(da.periodInWords({ from: day('2024-03-15'), to: day('2024-03-31') })).toBe('15.–31. marts 2024');
    expect(da.periodInWords({ from: day('2027-01-01'), to: day('2033-12-31') })).toBe('1. januar 2027 – 31. december 2033');
  });

  it('years: a run of years with a dash, two with "og"/"and", more with commas', () => {
    expect(da.years([2027, 2028, 2029])).toBe('2027–2029');
    expect(da.years([2027, 2029])).toBe('2027 og 2029');
    expect(en.years([2027, 2029])).toBe('2027 and 2029');
    expect(da.years([2027, 2029, 2031])).toBe('2027, 2029, 2031');
    expect(da.years([2030])).toBe('2030');
  });
});
