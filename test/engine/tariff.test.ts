import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money.js';
import { FLIS_2024_2033, annualFee, splitAtKnee, tariffProblems } from '../../src/engine/tariff.js';

describe('the annual fee (§3, knækmodel)', () => {
  it('København, 659,350 citizens: 3,221,213.00', () => {
    expect(annualFee(659350, FLIS_2024_2033).toFixed(2)).toBe('3221213.00');
  });

  it('Odense, 209,078 citizens: 1,429,130.44', () => {
    expect(annualFee(209078, FLIS_2024_2033).toFixed(2)).toBe('1429130.44');
  });

  it('the knee: 150,000 citizens all at full price, the 150,001st at half', () => {
    expect(annualFee(150000, FLIS_2024_2033).toFixed(2)).toBe('1194000.00');
    expect(annualFee(150001, FLIS_2024_2033).toFixed(2)).toBe('1194003.98');
    expect(annualFee(149999, FLIS_2024_2033).toFixed(2)).toBe('1193992.04');
    expect(splitAtKnee(150000, FLIS_2024_2033)).toEqual({ fullRate: 150000, reducedRate: 0 });
    expect(splitAtKnee(150001, FLIS_2024_2033)).toEqual({ fullRate: 150000, reducedRate: 1 });
  });

  it('is exact, not rounded: a price with three decimals keeps them', () => {
    const tariff = { ...FLIS_2024_2033, pricePerCitizen: new Decimal('7.955') };
    expect(annualFee(1, tariff).toString()).toBe('7.955');
    expect(annualFee(150001, tariff).toString()).toBe('1193253.9775');
  });

  it('is zero for no citizens and refuses a non-whole population', () => {
    expect(annualFee(0, FLIS_2024_2033).isZero()).toBe(true);
    expect(() => annualFee(1.5, FLIS_2024_2033)).toThrow();
    expect(() => annualFee(-1, FLIS_2024_2033)).toThrow();
  });
});

describe('tariff checks', () => {
  it('accepts the built-in tariff', () => {
    expect(tariffProblems(FLIS_2024_2033)).toEqual([]);
  });

  it("refuses a price above the agreement's maximum", () => {
    const problems = tariffProblems({ ...FLIS_2024_2033, pricePerCitizen: new Decimal('7.97') });
    expect(problems).toEqual([expect.stringMatching(/above the agreement's maximum of 7.96/)]);
  });

  it("refuses a maximum above the agreement's, and a price above the agreement's however high the tariff's maximum", () => {
    const raised = tariffProblems({ ...FLIS_2024_2033, pricePerCitizen: new Decimal('9.92'), maxPricePerCitizen: new Decimal('9.92') });
    expect(raised).toEqual([
      "max_price_per_citizen 9.92 is above the agreement's maximum of 7.96 DKK (Bilag 1 §2.2): a tariff may lower the maximum, never raise it",
      "price_per_citizen 9.92 is above the agreement's maximum of 7.96 DKK (Bilag 1 §2.2)",
    ]);
    expect(tariffProblems({ ...FLIS_2024_2033, maxPricePerCitizen: new Decimal('7.97') })).toEqual([expect.stringMatching(/^max_price_per_citizen 7.97 is above/)]);
  });

  it('accepts a maximum lowered, with a price at or below it', () => {
    expect(tariffProblems({ ...FLIS_2024_2033, pricePerCitizen: new Decimal('6'), maxPricePerCitizen: new Decimal('6.50') })).toEqual([]);
    expect(tariffProblems({ ...FLIS_2024_2033, maxPricePerCitizen: new Decimal('7.96') })).toEqual([]);
  });

  it("refuses a repayment period beyond the agreement's, and accepts one shortened", () => {
    expect(tariffProblems({ ...FLIS_2024_2033, agreementEnd: { year: 2040, month: 12, day: 31 } })).toEqual([
      "agreement_end 2040-12-31 is after the agreement's repayment period (2024-01-01 to 2033-12-31, Bilag 1 §2.1): a tariff may shorten it, never lengthen it, except by an extension: a version from 2034-01-01 with its terms",
    ]);
    expect(tariffProblems({ ...FLIS_2024_2033, agreementStart: { year: 2023, month: 7, day: 1 } })).toEqual([
      "agreement_start 2023-07-01 is before the agreement's repayment period (2024-01-01 to 2033-12-31, Bilag 1 §2.1): a tariff may shorten it, never lengthen it",
    ]);
    expect(tariffProblems({ ...FLIS_2024_2033, agreementStart: { year: 2025, month: 1, day: 1 }, agreementEnd: { year: 2030, month: 12, day: 31 } })).toEqual([]);
  });

  it('refuses an agreement that ends before it starts', () => {
    expect(tariffProblems({ ...FLIS_2024_2033, agreementEnd: { year: 2023, month: 12, day: 31 } })).toEqual([
      'agreement_end 2023-12-31 is before agreement_start 2024-01-01',
    ]);
  });
});
