// An independent, deliberately naive reading of the billing rules (docs/billing-rules.md §3–§7), used
// as the oracle in property tests. It shares no code with src/engine: dates come from Date.UTC, every day of
// the year is looked at one by one, and money is an exact fraction of BigInts rounded half away from zero.
// The functions without a tariff argument read the default FLIS 2024–2033 tariff (7.96, knee 150,000 at 50 %,
// VAT 25 %, two pilot months); those ending in V take a tariff with versions (billing rules §11): every day is
// charged at the terms in force on it, found by walking the versions for that day alone.

export interface OracleConnection {
  availableFrom: string; // YYYY-MM-DD
  pilotStart?: string;
  exitDate?: string;
}

const DAY = 86_400_000;
const AGREEMENT_START = Date.UTC(2024, 0, 1);
const AGREEMENT_END = Date.UTC(2033, 11, 31);

function ms(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** §5: the last free day of a pilot that starts on `start`. */
function pilotLastFreeDay(start: number): number {
  const s = new Date(start);
  const targetMonth = s.getUTCMonth() + 2;
  const candidate = new Date(Date.UTC(s.getUTCFullYear(), targetMonth, s.getUTCDate()));
  const expectedMonth = ((targetMonth % 12) + 12) % 12;
  if (candidate.getUTCMonth() !== expectedMonth) {
    // That month has no such day: through its last day.
    return Date.UTC(s.getUTCFullYear(), targetMonth + 1, 0);
  }
  return candidate.getTime() - DAY;
}

function billable(c: OracleConnection, t: number, end: number = AGREEMENT_END): boolean {
  if (t < ms(c.availableFrom) || t < AGREEMENT_START) return false;
  if (c.exitDate && t >= ms(c.exitDate)) return false;
  if (t > end) return false;
  if (c.pilotStart) {
    const start = ms(c.pilotStart);
    if (t >= start && t <= pilotLastFreeDay(start)) return false;
  }
  return true;
}

/** The annual fee in øre, exactly: 7.96 and 3.98 DKK are whole øre. */
export function oracleAnnualFeeOre(population: number): bigint {
  const full = BigInt(Math.min(population, 150000));
  const above = BigInt(Math.max(population - 150000, 0));
  return full * 796n + above * 398n;
}

interface Fraction {
  n: bigint;
  d: bigint;
}

/** C(x) in øre as an exact fraction: fee × Σ_month (billable days ≤ x in month / days in month) / 12. */
function chargeOre(c: OracleConnection, feeOre: bigint, year: number, through: number): Fraction {
  let n = 0n;
  let d = 1n;
  for (let month = 0; month < 12; month++) {
    const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    let count = 0;
    for (let day = 1; day <= daysInMonth; day++) {
      const t = Date.UTC(year, month, day);
      if (t <= through && billable(c, t)) count++;
    }
    // n/d + count/(daysInMonth*12)
    const dm = BigInt(daysInMonth * 12);
    n = n * dm + BigInt(count) * d;
    d = d * dm;
  }
  return { n: n * feeOre, d };
}

function roundHalfUp(f: Fraction): bigint {
  // f is never negative here.
  return (2n * f.n + f.d) / (2n * f.d);
}

/** round(C(x)) in øre; x before 1 January gives 0. */
export function oracleRoundedChargeOre(c: OracleConnection, population: number, year: number, through: string): bigint {
  const t = ms(through);
  if (t < Date.UTC(year, 0, 1)) return 0n;
  return roundHalfUp(chargeOre(c, oracleAnnualFeeOre(population), year, t));
}

/** §6: the window of a run, or undefined. */
export function oracleWindow(run: 'H1' | 'H2' | 'DEC', year: number, c: OracleConnection): { from: string; to: string } | undefined {
  const available = Math.max(ms(c.availableFrom), AGREEMENT_START);
  if (new Date(available).getUTCFullYear() > year) return undefined;
  const feb1 = Date.UTC(year, 1, 1);
  const sep1 = Date.UTC(year, 8, 1);
  if (available < feb1) {
    if (run === 'H1') return { from: `${year}-01-01`, to: `${year}-06-30` };
    if (run === 'H2') return { from: `${year}-07-01`, to: `${year}-12-31` };
    return undefined;
  }
  if (available < sep1) return run === 'H2' ? { from: iso(available), to: `${year}-12-31` } : undefined;
  return run === 'DEC' ? { from: iso(available), to: `${year}-12-31` } : undefined;
}

export function oracleHasBillableDays(c: OracleConnection, window: { from: string; to: string }): boolean {
  for (let t = ms(window.from); t <= ms(window.to); t += DAY) if (billable(c, t)) return true;
  return false;
}

/** The net amount of a run's invoice in øre, or undefined when the run does not invoice the municipality. */
export function oracleInvoiceOre(run: 'H1' | 'H2' | 'DEC', year: number, c: OracleConnection, population: number): bigint | undefined {
  const window = oracleWindow(run, year, c);
  if (!window || !oracleHasBillableDays(c, window)) return undefined;
  const dayBefore = iso(ms(window.from) - DAY);
  return oracleRoundedChargeOre(c, population, year, window.to) - oracleRoundedChargeOre(c, population, year, dayBefore);
}

/** VAT in øre: round(net × 0.25), half away from zero. */
export function oracleVatOre(netOre: bigint): bigint {
  return roundHalfUp({ n: netOre, d: 4n });
}

export function oreToString(ore: bigint): string {
  const sign = ore < 0n ? '-' : '';
  const abs = ore < 0n ? -ore : ore;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

// ------------------------------------------------------------------------------------------------------------
// Versions (§11).

/** Decimals as text ("7.5", "0.25"), as a tariff file gives them. */
export interface OracleTerms {
  price: string;
  threshold: number;
  rate: string;
  vat: string;
}

export interface OracleVersion {
  from: string;
  price?: string;
  threshold?: number;
  rate?: string;
  vat?: string;
  /** The day it was decided; without it, `from`. */
  decided?: string;
}

export interface OracleTariff {
  base: OracleTerms;
  versions: OracleVersion[];
  /** agreement_end, default 2033-12-31; later only with a version from 2034-01-01 (an extension). */
  end?: string;
}

export const ORACLE_DEFAULT: OracleTariff = { base: { price: '7.96', threshold: 150000, rate: '0.5', vat: '0.25' }, versions: [] };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function reduce(f: Fraction): Fraction {
  const g = gcd(f.n, f.d);
  return g === 0n || g === 1n ? f : { n: f.n / g, d: f.d / g };
}

function add(a: Fraction, b: Fraction): Fraction {
  return reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

function times(a: Fraction, b: Fraction): Fraction {
  return reduce({ n: a.n * b.n, d: a.d * b.d });
}

/** "7.50" → 750/100. */
function fractionOf(text: string): Fraction {
  const [whole, decimals = ''] = text.split('.') as [string, string?];
  return reduce({ n: BigInt(whole + decimals), d: 10n ** BigInt(decimals.length) });
}

/** The terms on day t: the base, with every version from on or before t applied in order. */
function termsOnV(tariff: OracleTariff, t: number): OracleTerms {
  const terms = { ...tariff.base };
  for (const v of tariff.versions) {
    if (ms(v.from) > t) continue;
    if (v.price !== undefined) terms.price = v.price;
    if (v.threshold !== undefined) terms.threshold = v.threshold;
    if (v.rate !== undefined) terms.rate = v.rate;
    if (v.vat !== undefined) terms.vat = v.vat;
  }
  return terms;
}

/** The annual fee in øre, exactly, on the terms. */
function feeOre(population: number, terms: OracleTerms): Fraction {
  const price = times(fractionOf(terms.price), { n: 100n, d: 1n });
  const full = BigInt(Math.min(population, terms.threshold));
  const above = BigInt(Math.max(population - terms.threshold, 0));
  return add(times(price, { n: full, d: 1n }), times(times(price, fractionOf(terms.rate)), { n: above, d: 1n }));
}

function endOf(tariff: OracleTariff): number {
  return ms(tariff.end ?? '2033-12-31');
}

/** C(x) in øre, exactly: Σ over billable days d ≤ x of the year, fee on d's terms / (days in d's month × 12). */
function chargeOreV(c: OracleConnection, population: number, year: number, through: number, tariff: OracleTariff): Fraction {
  let total: Fraction = { n: 0n, d: 1n };
  for (let month = 0; month < 12; month++) {
    const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    for (let day = 1; day <= daysInMonth; day++) {
      const t = Date.UTC(year, month, day);
      if (t > through || !billable(c, t, endOf(tariff))) continue;
      total = add(total, times(feeOre(population, termsOnV(tariff, t)), { n: 1n, d: BigInt(daysInMonth * 12) }));
    }
  }
  return total;
}

/** round(C(x)) in øre with versions; x before 1 January gives 0. */
export function oracleRoundedChargeOreV(c: OracleConnection, population: number, year: number, through: string, tariff: OracleTariff): bigint {
  const t = ms(through);
  if (t < Date.UTC(year, 0, 1)) return 0n;
  return roundHalfUp(chargeOreV(c, population, year, t, tariff));
}

export interface OracleLine {
  from: string;
  to: string;
  price: string;
  vat: string;
  netOre: bigint;
  vatOre: bigint;
}

/**
 * The lines of the days from `from` to `to` of a year: cut at each version's from date inside them, those with a
 * billable day kept, each round(C(last)) − round(C(first − 1)); VAT per rate, cumulatively over that rate's lines.
 */
function linesV(c: OracleConnection, population: number, year: number, from: string, to: string, tariff: OracleTariff): OracleLine[] {
  const cuts = tariff.versions.map((v) => ms(v.from)).filter((t) => t > ms(from) && t <= ms(to));
  const starts = [ms(from), ...cuts];
  const lines: OracleLine[] = [];
  const netByRate = new Map<string, bigint>();
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! - DAY : ms(to);
    let days = 0;
    for (let t = start; t <= end; t += DAY) if (billable(c, t, endOf(tariff))) days++;
    if (days === 0) return;
    const netOre = oracleRoundedChargeOreV(c, population, year, iso(end), tariff) - oracleRoundedChargeOreV(c, population, year, iso(start - DAY), tariff);
    const terms = termsOnV(tariff, start);
    const rate = fractionOf(terms.vat);
    const before = netByRate.get(terms.vat) ?? 0n;
    netByRate.set(terms.vat, before + netOre);
    const vatOf = (net: bigint) => roundHalfUpSigned(times({ n: net, d: 1n }, rate));
    lines.push({ from: iso(start), to: iso(end), price: terms.price, vat: terms.vat, netOre, vatOre: vatOf(before + netOre) - vatOf(before) });
  });
  return lines;
}

function roundHalfUpSigned(f: Fraction): bigint {
  return f.n < 0n ? -roundHalfUp({ n: -f.n, d: f.d }) : roundHalfUp(f);
}

/** A run's invoice with versions: its lines, net and VAT in øre; undefined when the run does not invoice the municipality. */
export function oracleInvoiceV(
  run: 'H1' | 'H2' | 'DEC',
  year: number,
  c: OracleConnection,
  population: number,
  tariff: OracleTariff,
): { netOre: bigint; vatOre: bigint; lines: OracleLine[] } | undefined {
  const window = oracleWindow(run, year, c);
  if (!window) return undefined;
  let any = false;
  for (let t = ms(window.from); t <= ms(window.to); t += DAY) if (billable(c, t, endOf(tariff))) any = true;
  if (!any) return undefined;
  const lines = linesV(c, population, year, window.from, window.to, tariff);
  return { netOre: lines.reduce((s, l) => s + l.netOre, 0n), vatOre: lines.reduce((s, l) => s + l.vatOre, 0n), lines };
}

/**
 * The exit settlement with versions, in øre: per year from the exit year to the agreement's end, as if the
 * municipality had stayed, round(C(31 December)) − round(C(exit − 1)) (0 before the exit year), on the versions
 * known on the exit date (decided, or else from, on or before it); an extension not known then does not count.
 * `population(year)` gives the year's figure.
 */
export function oracleSettlementV(c: OracleConnection, exitDate: string, population: (year: number) => number, tariff: OracleTariff): { year: number; lines: OracleLine[] }[] {
  const known = tariff.versions.filter((v) => ms(v.decided ?? v.from) <= ms(exitDate));
  const extended = known.some((v) => v.from === '2034-01-01');
  const asKnown: OracleTariff = { base: tariff.base, versions: known, ...(tariff.end && extended ? { end: tariff.end } : {}) };
  const staying: OracleConnection = { availableFrom: c.availableFrom, ...(c.pilotStart ? { pilotStart: c.pilotStart } : {}) };
  const end = endOf(asKnown);
  if (ms(exitDate) > end) return [];
  const result: { year: number; lines: OracleLine[] }[] = [];
  const first = new Date(ms(exitDate)).getUTCFullYear();
  for (let year = first; year <= new Date(end).getUTCFullYear(); year++) {
    const from = year === first ? exitDate : `${year}-01-01`;
    const lines = linesV(staying, population(year), year, from, `${year}-12-31`, asKnown);
    if (lines.length > 0) result.push({ year, lines });
  }
  return result;
}
