// An independent, deliberately naive reading of the billing rules (docs/billing-rules.md §3–§7), used
// as the oracle in property tests. It shares no code with src/engine: dates come from Date.UTC, every day of
// the year is looked at one by one, and money is an exact fraction of BigInts rounded half away from zero.
// Only the default FLIS 2024–2033 tariff (7.96, knee 150,000 at 50 %, VAT 25 %, two pilot months).

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

function billable(c: OracleConnection, t: number): boolean {
  if (t < ms(c.availableFrom) || t < AGREEMENT_START) return false;
  if (c.exitDate && t >= ms(c.exitDate)) return false;
  if (t > AGREEMENT_END) return false;
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
