// Numbers, amounts and dates as the people who read a document write them: Danish (1.429.130,44 kr.;
// 1. januar 2027; 01.01.2027 in a table) or English (1,429,130.44 DKK; 2027-01-01). Only for text meant for
// people: machine fields (CSV for import, JSON, XML) keep the plain forms of money.ts and dates.ts.

import type { DayRange } from '../engine/billable.js';
import { type CalendarDate, formatDate } from '../engine/dates.js';
import { type Decimal, formatAmount, formatExact } from '../engine/money.js';

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];
/** The documents' language when neither --lang nor the config's "lang" says: their readers are Danish. */
export const DEFAULT_LANG: Lang = 'da';

export function isLang(text: string): text is Lang {
  return (LANGS as readonly string[]).includes(text);
}

export interface PeopleFormat {
  /** A plain decimal ("1610606.50", "7.96", "-3") with its thousands grouped and the language's decimal mark. */
  number(plain: string): string;
  /** An amount in øre, without the currency: "1.610.606,50" / "1,610,606.50" (tables). */
  amount(amount: Decimal): string;
  /** An amount with its currency, in a sentence: "1.610.606,50 kr." / "1,610,606.50 DKK". */
  money(amount: Decimal): string;
  /** A price or other exact value with every significant decimal: "7,96" / "7.96". */
  exact(value: Decimal): string;
  /** A fraction as a percentage: 0.25 → "25 %". */
  percent(fraction: Decimal): string;
  /** A count of citizens or documents: "659.350" / "659,350". */
  count(count: number): string;
  /** A day in a sentence: "1. januar 2027" / "2027-01-01". */
  date(day: CalendarDate): string;
  /** A day in a table column (fixed width): "01.01.2027" / "2027-01-01". */
  shortDate(day: CalendarDate): string;
  /** A period in a table column: "01.01.2024 – 30.06.2024". */
  period(period: DayRange): string;
  /** A period in a sentence: "1. januar – 30. juni 2024" / "2024-01-01 to 2024-06-30". */
  periodInWords(period: DayRange): string;
  /** Years in a sentence: "2027–2033", "2027, 2029". */
  years(years: readonly number[]): string;
}

function grouped(plain: string, thousands: string, decimalMark: string): string {
  const negative = plain.startsWith('-');
  const [whole, fraction] = (negative ? plain.slice(1) : plain).split('.');
  const digits = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${negative ? '-' : ''}${digits}${fraction === undefined ? '' : `${decimalMark}${fraction}`}`;
}

function yearsInWords(years: readonly number[], and: string): string {
  if (years.length === 0) return '';
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  if (contiguous) return years.length === 1 ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
  return years.length === 2 ? `${years[0]} ${and} ${years[1]}` : years.join(', ');
}

/** Items in words: "a", "a and b", "a, b and c" (`and` in the document's language). */
export function listed(items: readonly string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const MONTHS_DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

const two = (n: number): string => String(n).padStart(2, '0');

/** The numbers of a language: its thousands separator, its decimal mark and how it writes the currency after an amount. */
function numbersIn(thousands: string, decimalMark: string, currency: string): Pick<PeopleFormat, 'number' | 'amount' | 'money' | 'exact' | 'percent' | 'count'> {
  const number = (plain: string): string => grouped(plain, thousands, decimalMark);
  return {
    number,
    amount: (amount) => number(formatAmount(amount)),
    money: (amount) => `${number(formatAmount(amount))} ${currency}`,
    exact: (value) => number(formatExact(value)),
    percent: (fraction) => `${number(formatExact(fraction.times(100), 0))} %`,
    count: (count) => number(String(count)),
  };
}

const DANISH: PeopleFormat = {
  ...numbersIn('.', ',', 'kr.'),
  date: (d) => `${d.day}. ${MONTHS_DA[d.month - 1]} ${d.year}`,
  shortDate: (d) => `${two(d.day)}.${two(d.month)}.${d.year}`,
  period: (p) => `${DANISH.shortDate(p.from)} – ${DANISH.shortDate(p.to)}`,
  periodInWords: ({ from, to }) =>
    from.year !== to.year
      ? `${DANISH.date(from)} – ${DANISH.date(to)}`
      : from.month !== to.month
        ? `${from.day}. ${MONTHS_DA[from.month - 1]} – ${DANISH.date(to)}`
        : `${from.day}.–${DANISH.date(to)}`,
  years: (years) => yearsInWords(years, 'og'),
};

const ENGLISH: PeopleFormat = {
  ...numbersIn(',', '.', 'DKK'),
  date: (d) => formatDate(d),
  shortDate: (d) => formatDate(d),
  period: (p) => `${formatDate(p.from)} – ${formatDate(p.to)}`,
  periodInWords: (p) => `${formatDate(p.from)} to ${formatDate(p.to)}`,
  years: (years) => yearsInWords(years, 'and'),
};

export function peopleFormat(lang: Lang): PeopleFormat {
  return lang === 'da' ? DANISH : ENGLISH;
}
