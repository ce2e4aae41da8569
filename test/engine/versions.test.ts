// Tariff versions (billing rules §11): the engine against the oracle's day-by-day reading, on random rosters and
// random versions (changes on the 1st, mid-month, on 29 February, in pilot months, at exits).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { invoiceRun } from '../../src/engine/billing.js';
import { formatDate } from '../../src/engine/dates.js';
import { Decimal, formatAmount } from '../../src/engine/money.js';
import { RUNS } from '../../src/engine/runs.js';
import { exitSettlement } from '../../src/engine/settlement.js';
import { FLIS_2024_2033, type Tariff, type TariffVersion, knownOn, tariffProblems, termsOn, versionProblems } from '../../src/engine/tariff.js';
import { type OracleTariff, type OracleVersion, oracleInvoiceV, oracleSettlementV, oreToString } from '../oracle.js';
import { connection, day, populationTable } from '../support.js';

/** The engine's tariff for the oracle's. */
function tariffOf(o: OracleTariff): Tariff {
  const versions: TariffVersion[] = o.versions.map((v) => ({
    from: day(v.from),
    ...(v.price !== undefined ? { pricePerCitizen: new Decimal(v.price) } : {}),
    ...(v.threshold !== undefined ? { kneeThreshold: v.threshold } : {}),
    ...(v.rate !== undefined ? { kneeRate: new Decimal(v.rate) } : {}),
    ...(v.vat !== undefined ? { vatRate: new Decimal(v.vat) } : {}),
    ...(v.decided !== undefined ? { decided: day(v.decided) } : {}),
  }));
  return {
    ...FLIS_2024_2033,
    pricePerCitizen: new Decimal(o.base.price),
    kneeThreshold: o.base.threshold,
    kneeRate: new Decimal(o.base.rate),
    vatRate: new Decimal(o.base.vat),
    versions,
  };
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const isoDay = (from: string, to: string) => fc.integer({ min: Date.parse(`${from}T00:00:00Z`) / 86_400_000, max: Date.parse(`${to}T00:00:00Z`) / 86_400_000 }).map((d) => iso(d * 86_400_000));

/** A day a version may take effect: the 1st of a month, the 15th, 29 February, or any day. */
const changeDay = fc.oneof(
  fc.record({ y: fc.integer({ min: 2024, max: 2033 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}-01`),
  fc.record({ y: fc.integer({ min: 2024, max: 2033 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}-15`),
  fc.constantFrom('2024-02-29', '2028-02-29', '2032-02-29', '2028-07-01', '2029-01-01'),
  isoDay('2024-01-02', '2033-12-31'),
);

const price = fc.integer({ min: 0, max: 796 }).chain((ore) => fc.constantFrom(`${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`, `${ore / 100}`, `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}3`)).filter((p) => new Decimal(p).lessThanOrEqualTo('7.96'));

const version = fc.record(
  {
    from: changeDay,
    price,
    threshold: fc.oneof(fc.constant(150000), fc.integer({ min: 0, max: 300000 })),
    rate: fc.constantFrom('0.5', '0', '1', '0.25', '0.37'),
    vat: fc.constantFrom('0.25', '0.2', '0.125', '0'),
    decided: isoDay('2023-06-01', '2034-06-01'),
  },
  { requiredKeys: ['from'] },
) as fc.Arbitrary<OracleVersion>;

const arbitraryTariff: fc.Arbitrary<OracleTariff> = fc
  .record({ base: price.filter((p) => !new Decimal(p).isZero()), versions: fc.array(version, { maxLength: 4 }) })
  .map(({ base, versions }) => {
    const unique = [...new Map(versions.map((v) => [v.from, v])).values()].sort((a, b) => (a.from < b.from ? -1 : 1));
    return { base: { price: base, threshold: 150000, rate: '0.5', vat: '0.25' }, versions: unique };
  });

/** A roster line; its pilot months or exit often fall on a change of the tariff. */
const arbitraryConnection = (t: OracleTariff) =>
  fc
    .record({
      availableFrom: isoDay('2023-06-01', '2033-12-31'),
      pilotStart: fc.option(fc.oneof(isoDay('2023-10-01', '2033-12-31'), ...(t.versions.length > 0 ? [fc.constantFrom(...t.versions.map((v) => v.from))] : [])), { nil: undefined }),
      exitDate: fc.option(fc.oneof(isoDay('2024-01-01', '2034-03-01'), ...(t.versions.length > 0 ? [fc.constantFrom(...t.versions.map((v) => v.from))] : [])), { nil: undefined }),
    })
    .filter((c) => c.exitDate === undefined || c.exitDate > c.availableFrom);

const population = fc.oneof(fc.integer({ min: 1, max: 700_000 }), fc.integer({ min: 149_990, max: 150_010 }));

describe('tariff versions against the oracle (§11)', () => {
  it("every run's lines, net and VAT equal the oracle's to the øre, and the lines add up to the invoice", () => {
    fc.assert(
      fc.property(
        arbitraryTariff.chain((t) => fc.tuple(fc.constant(t), arbitraryConnection(t))),
        population,
        fc.integer({ min: 2024, max: 2033 }),
        fc.constantFrom(...RUNS),
        ([o, c], count, year, run) => {
          const tariff = tariffOf(o);
          const result = invoiceRun({ year, run, tariff, connections: [connection(c)], population: populationTable({ '461': { [year]: count } }) });
          const expected = oracleInvoiceV(run, year, c, count, o);
          if (!expected) {
            expect(result.invoices).toEqual([]);
            return;
          }
          expect(result.problems).toEqual([]);
          const invoice = result.invoices[0]!;
          expect(formatAmount(invoice.netAmount)).toBe(oreToString(expected.netOre));
          expect(formatAmount(invoice.vatAmount)).toBe(oreToString(expected.vatOre));
          expect(invoice.lines.map((l) => ({ from: formatDate(l.period.from), to: formatDate(l.period.to), net: formatAmount(l.netAmount), vat: formatAmount(l.vatAmount), price: l.pricePerCitizen.toString(), rate: l.vatRate.toString() }))).toEqual(
            expected.lines.map((l) => ({
              // the engine's lines lie within the period billed: the first from its first day, the last to its last
              from: l.from < formatDate(invoice.billed.from) ? formatDate(invoice.billed.from) : l.from,
              to: l.to > formatDate(invoice.billed.to) ? formatDate(invoice.billed.to) : l.to,
              net: oreToString(l.netOre),
              vat: oreToString(l.vatOre),
              price: new Decimal(l.price).toString(),
              rate: new Decimal(l.vat).toString(),
            })),
          );
          expect(invoice.netAmount.equals(invoice.lines.reduce((s, l) => s.plus(l.netAmount), new Decimal(0)))).toBe(true);
          expect(invoice.grossAmount.equals(invoice.netAmount.plus(invoice.vatAmount))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every exit settlement equals the oracle, line by line, on the versions known on the exit date', () => {
    fc.assert(
      fc.property(
        arbitraryTariff.chain((t) => fc.tuple(fc.constant(t), arbitraryConnection(t).filter((c) => c.exitDate !== undefined))),
        fc.array(fc.integer({ min: 1000, max: 700_000 }), { minLength: 11, maxLength: 11 }),
        ([o, c], counts) => {
          const figures = Object.fromEntries(counts.map((n, i) => [2023 + i, n]));
          const settlement = exitSettlement({ connection: connection(c), exitDate: day(c.exitDate!), tariff: tariffOf(o), population: populationTable({ '461': figures }) });
          expect(settlement.problems).toEqual([]);
          const expected = oracleSettlementV(c, c.exitDate!, (year) => figures[year]!, o);
          const flat = expected.flatMap((y) => y.lines.map((l) => ({ year: y.year, price: new Decimal(l.price).toString(), amount: oreToString(l.netOre) })));
          expect(settlement.years.map((y) => ({ year: y.year, price: y.pricePerCitizen.toString(), amount: formatAmount(y.amount) }))).toEqual(flat);
          expect(formatAmount(settlement.total)).toBe(oreToString(expected.reduce((s, y) => s + y.lines.reduce((t, l) => t + l.netOre, 0n), 0n)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an invoice across a change of price alone has the VAT of its total, round(net × rate), as one line would', () => {
    fc.assert(
      fc.property(
        isoDay('2025-02-01', '2025-08-31'),
        isoDay('2025-02-02', '2025-12-31'),
        price,
        fc.integer({ min: 1, max: 700_000 }),
        (availableFrom, from, newPrice, count) => {
          const o: OracleTariff = { base: { price: '7.96', threshold: 150000, rate: '0.5', vat: '0.25' }, versions: [{ from, price: newPrice }] };
          const c = { availableFrom };
          const invoice = invoiceRun({ year: 2025, run: 'H2', tariff: tariffOf(o), connections: [connection(c)], population: populationTable({ '461': { 2025: count } }) }).invoices[0]!;
          const expected = oracleInvoiceV('H2', 2025, c, count, o)!;
          expect(formatAmount(invoice.vatAmount)).toBe(oreToString(expected.vatOre));
          expect(formatAmount(invoice.vatAmount)).toBe(formatAmount(invoice.netAmount.times('0.25').toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a version that repeats the terms in force changes no amount', () => {
    fc.assert(
      fc.property(
        arbitraryTariff.chain((t) => fc.tuple(fc.constant(t), arbitraryConnection(t), changeDay)),
        population,
        fc.integer({ min: 2024, max: 2033 }),
        fc.constantFrom(...RUNS),
        ([o, c, from], count, year, run) => {
          if (o.versions.some((v) => v.from === from)) return;
          const tariff = tariffOf(o);
          const terms = termsOn(tariff, day(from));
          const repeated: Tariff = { ...tariff, versions: [...(tariff.versions ?? []), { from: day(from), pricePerCitizen: terms.pricePerCitizen, vatRate: terms.vatRate }].sort((a, b) => (formatDate(a.from) < formatDate(b.from) ? -1 : 1)) };
          const input = { year, run, connections: [connection(c)], population: populationTable({ '461': { [year]: count } }) };
          const [a, b] = [invoiceRun({ ...input, tariff }), invoiceRun({ ...input, tariff: repeated })];
          expect(b.invoices.map((i) => [formatAmount(i.netAmount), formatAmount(i.vatAmount)])).toEqual(a.invoices.map((i) => [formatAmount(i.netAmount), formatAmount(i.vatAmount)]));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('worked examples (§11)', () => {
  const lowered: Tariff = { ...FLIS_2024_2033, versions: [{ from: day('2028-07-01'), pricePerCitizen: new Decimal('7.50'), decided: day('2028-03-12') }] };
  const odense = populationTable({ '461': { 2028: 209078 } });

  it('a price lowered from 1 July 2028: H1 at 7.96, H2 at 7.50, each one line', () => {
    const [h1, h2] = (['H1', 'H2'] as const).map((run) => invoiceRun({ year: 2028, run, tariff: lowered, connections: [connection({})], population: odense }).invoices[0]!);
    expect(formatAmount(h1!.netAmount)).toBe('714565.22');
    expect(h1!.lines).toHaveLength(1);
    // 7.50 × 150,000 + 3.75 × 59,078 = 1,125,000 + 221,542.50 = 1,346,542.50; H2 = round(714,565.22 + 673,271.25) − 714,565.22
    expect(h2!.annualFee.toString()).toBe('1346542.5');
    expect(formatAmount(h2!.netAmount)).toBe('673271.25');
    expect(h2!.lines).toHaveLength(1);
    expect(h2!.notes).toEqual([]);
  });

  it('a window that spans the change has a line per price, adding up to the invoice', () => {
    // Available 1 March 2028: one H2 from 1 March to 31 December
    const h2 = invoiceRun({ year: 2028, run: 'H2', tariff: lowered, connections: [connection({ availableFrom: '2028-03-01' })], population: odense }).invoices[0]!;
    expect(h2.lines.map((l) => [formatDate(l.period.from), formatDate(l.period.to), l.pricePerCitizen.toFixed(2), formatAmount(l.netAmount)])).toEqual([
      // 1,429,130.44 × 4/12 = 476,376.813… → 476,376.81
      ['2028-03-01', '2028-06-30', '7.96', '476376.81'],
      // round(476,376.81… + 1,346,542.50 × 6/12) − 476,376.81 = round(1,149,648.0633…) − 476,376.81
      ['2028-07-01', '2028-12-31', '7.50', '673271.25'],
    ]);
    expect(formatAmount(h2.netAmount)).toBe('1149648.06');
    expect(formatAmount(h2.vatAmount)).toBe('287412.02');
    expect(h2.pricePerCitizen.toFixed(2)).toBe('7.50');
    expect(h2.notes.map((n) => n.kind)).toEqual(['available-from', 'prices']);
  });

  it('a settlement ignores a version decided after the exit date, and uses one decided before it', () => {
    const population = populationTable({ '461': { 2024: 209078 } });
    const before = exitSettlement({ connection: connection({}), exitDate: day('2028-03-01'), tariff: lowered, population });
    const after = exitSettlement({ connection: connection({}), exitDate: day('2028-03-13'), tariff: lowered, population });
    expect(before.years.every((y) => y.pricePerCitizen.toFixed(2) === '7.96')).toBe(true);
    expect(after.years.filter((y) => y.year === 2028).map((y) => y.pricePerCitizen.toFixed(2))).toEqual(['7.96', '7.50']);
    expect(knownOn(lowered, day('2028-03-11')).versions).toEqual([]);
    expect(knownOn(lowered, day('2028-03-12')).versions).toHaveLength(1);
  });
});

describe('validation of versions', () => {
  const base = FLIS_2024_2033;
  it('refuses versions out of order, repeated, before the start, after the end, above the maximum', () => {
    const bad: Tariff = {
      ...base,
      versions: [
        { from: day('2029-01-01'), pricePerCitizen: new Decimal('7.00') },
        { from: day('2028-01-01'), pricePerCitizen: new Decimal('7.97') },
        { from: day('2028-01-01'), kneeRate: new Decimal('2') },
        { from: day('2023-06-01') },
        { from: day('2034-06-01') },
        { from: day('2030-01-01'), maxPricePerCitizen: new Decimal('9') },
      ],
    };
    expect(versionProblems(bad).versions.map((p) => [p.index, p.key])).toEqual([
      [1, 'from'],
      [1, 'price_per_citizen'],
      [2, 'from'],
      [2, 'knee_rate'],
      [3, 'from'],
      [3, 'from'],
      [4, 'from'],
      [5, 'from'],
      [5, 'max_price_per_citizen'],
    ]);
  });

  it('an extension: agreement_end later only with a version from 2034-01-01, which may set a new maximum', () => {
    const end = day('2038-12-31');
    expect(tariffProblems({ ...base, agreementEnd: end, versions: [{ from: day('2030-01-01'), pricePerCitizen: new Decimal('7') }] })).toEqual([
      expect.stringMatching(/^agreement_end 2038-12-31 extends the agreement's repayment period .* a version from 2034-01-01/),
    ]);
    const extended: Tariff = { ...base, agreementEnd: end, versions: [{ from: day('2034-01-01'), maxPricePerCitizen: new Decimal('8.40'), pricePerCitizen: new Decimal('8.40'), decided: day('2033-06-01') }] };
    expect(tariffProblems(extended)).toEqual([]);
    // an exit before the extension was decided settles to the agreement's end, one after it to the new end
    const population = populationTable({ '461': { 2024: 209078 } });
    expect(formatDate(exitSettlement({ connection: connection({}), exitDate: day('2030-01-01'), tariff: extended, population }).periodEnd)).toBe('2033-12-31');
    const late = exitSettlement({ connection: connection({}), exitDate: day('2033-07-01'), tariff: extended, population });
    expect(formatDate(late.periodEnd)).toBe('2038-12-31');
    expect(late.years.map((y) => y.year)).toEqual([2033, 2034, 2035, 2036, 2037, 2038]);
    // 8.40 × 150,000 + 4.20 × 59,078 = 1,260,000 + 248,127.60
    expect(formatAmount(late.years[1]!.amount)).toBe('1508127.60');
  });
});
