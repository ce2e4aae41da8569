// The documents in Danish (the default): the agreements' own terms (udtræden, tilrådighedsstillelse,
// tilbagebetalingsperiode, knækmodel, pilotperiode, kreditnota, befolkningstal pr. 1. januar), 1.234,56 kr.
// and 1. januar 2027.

import type { Decimal } from '../engine/money.js';
import { parseIsoDate } from '../engine/dates.js';
import { CLAUSES, CLAUSE_WORDS } from './clauses.js';
import { listed, peopleFormat } from './format.js';
import type { FiguresSource, LanguageTexts, PopulationSource, RosterFacts } from './texts.js';

const f = peopleFormat('da');
const plural = (n: number, one: string, many: string): string => `${f.count(n)} ${n === 1 ? one : many}`;
const SETTLEMENT_CLAUSES = `${CLAUSES.generalTerms}; ${CLAUSES.repaymentPeriod}`;

const SOURCES: Readonly<Record<PopulationSource, string>> = { dst: 'DST', carried_forward: 'videreført', forecast: 'fremskrivning' };

/**
 * A source as a reader knows it: "Danmarks Statistik, FOLK1A, befolkningen 1. januar 2025 (hentet fra
 * Statistikbanken 12. februar 2025, tabellen opdateret 11. februar 2025)"; a file KOMBIT gave is said to be that.
 */
function sourceInWords(source: FiguresSource, what: string): string {
  const how =
    source.kind === 'fetched'
      ? [`hentet fra Statistikbanken${source.fetchedOn ? ` ${f.date(source.fetchedOn)}` : ''}`, ...(source.tableUpdated ? [`tabellen opdateret ${f.date(source.tableUpdated)}`] : [])].join(', ')
      : source.kind === 'transcribed'
        ? 'tallene gengivet efter en anden kilde, ikke hentet fra Statistikbanken'
        : 'efter en fil angivet af KOMBIT';
  const table = source.table ?? (source.webExport ? 'udtræk fra Statistikbanken' : undefined);
  return table === undefined ? `${what} ${how}` : `Danmarks Statistik, ${table}, ${what} (${how})`;
}

/** The fields of an invoice as a Danish reader names them (in the summary of a correction). */
const FIELDS: Readonly<Record<string, string>> = {
  kommune_code: 'kommunekode',
  kommune_name: 'kommunenavn',
  ean: 'EAN',
  run: 'kørsel',
  period_from: 'periode fra',
  period_to: 'periode til',
  population_date: 'befolkningsdato',
  population: 'befolkningstal',
  full_rate_citizens: 'borgere til fuld pris',
  reduced_rate_citizens: 'borgere til halv pris',
  price_per_citizen: 'pris pr. borger',
  annual_fee: 'årligt beløb',
  net_amount: 'nettobeløb',
  vat_rate: 'momssats',
  vat_amount: 'moms',
  gross_amount: 'bruttobeløb',
  buyer_name: 'købers navn',
  buyer_cvr: 'købers CVR-nummer',
  buyer_street: 'købers adresse',
  buyer_postal_code: 'købers postnummer',
  buyer_city: 'købers by',
  buyer_reference: 'købers reference',
  kontostreng: 'kontostreng',
};
const NUMBER_FIELDS = new Set(['population', 'full_rate_citizens', 'reduced_rate_citizens', 'price_per_citizen', 'annual_fee', 'net_amount', 'vat_rate', 'vat_amount', 'gross_amount']);
const DATE_FIELDS = new Set(['period_from', 'period_to', 'population_date']);

/** The roster's dates for a municipality, as a credit note gives them. */
const rosterFacts = (r: RosterFacts): string =>
  [`tilrådighedsstillelse ${f.date(r.availableFrom)}`, ...(r.pilotStart ? [`pilotstart ${f.date(r.pilotStart)}`] : []), ...(r.exitDate ? [`udtræden ${f.date(r.exitDate)}`] : [])].join(', ');

export const DANISH: LanguageTexts = {
  sources: {
    population: (source) => sourceInWords(source, `befolkningen 1. januar ${f.years(source.years)}`),
    forecast: (source) => sourceInWords(source, `befolkningsfremskrivning ${f.years(source.years)}`),
  },

  notes: {
    availableFrom: (date) => `stillet til rådighed fra ${f.date(date)} (tilrådighedsstillelse): faktureret fra den dag`,
    pilotFree: (from, to, days) => `pilotkommune: gratis i pilotperioden ${f.periodInWords({ from, to })} (${plural(days, 'dag', 'dage')})`,
    exit: (exitDate) => `udtrådt af FLIS ${f.date(exitDate)} (udtræden): faktureret til og med dagen før`,
    agreementEnd: (date) => `aftalen udløber ${f.date(date)}: intet faktureret derefter`,
    prices: (lines) =>
      `prisen ændres i perioden: ${lines.map((l) => `${f.periodInWords(l.period)} ${f.exact(l.price)} kr. pr. borger, ${f.money(l.net)}${l.vatRate ? ` (moms ${f.percent(l.vatRate)})` : ''}`).join('; ')}`,
    creditNoteFor: (number) => `kreditnota for ${number}`,
    replaces: (number) => `erstatter ${number}`,
  },

  creditReasons: {
    creditNote: (number, why) => `kreditnota for ${number}: ${why.join('; ')}`,
    population: (year, before, after) => `befolkningstallet pr. 1. januar ${year} er ${f.count(after)}, ikke ${f.count(before)}`,
    periodFrom: (before, after) => `perioden begynder ${f.date(after)}, ikke ${f.date(before)} (tilrådighedsstillelse)`,
    periodTo: (before, after) => `perioden slutter ${f.date(after)}, ikke ${f.date(before)} (udtræden)`,
    price: (before, after) => `prisen pr. borger er ${f.number(after)} kr., ikke ${f.number(before)} kr. (tarif)`,
    knee: () => 'borgerne er fordelt anderledes på fuld og nedsat pris (knækmodel)',
    vatRate: (before, after) => `momssatsen er ${f.number(after)}, ikke ${f.number(before)}`,
    ean: (before, after) => `EAN er ${after === '' ? '(ingen)' : after}, ikke ${before === '' ? '(ingen)' : before}`,
    buyer: (before, after) => `køber er ${after}, ikke ${before}`,
    reference: (before, after) => `købers reference er ${after === '' ? '(ingen)' : `"${after}"`}, ikke ${before === '' ? '(ingen)' : `"${before}"`}`,
    kontostreng: (before, after) => `kontostrengen er ${after === '' ? '(ingen)' : after}, ikke ${before === '' ? '(ingen)' : before}`,
    billableDays: (roster) => `de fakturerbare dage i perioden er ændret${roster ? ` (kommunelisten: ${rosterFacts(roster)})` : ''}`,
    notBilled: (run, year, roster) =>
      roster ? `ingen fakturerbare dage i kørsel ${run} ${year} efter kommunelisten (${rosterFacts(roster)})` : `kommunen er ikke længere på kommunelisten: intet at fakturere i kørsel ${run} ${year}`,
  },

  invoiceTable: {
    title: (run, year, count) => `FLIS-fakturaer, kørsel ${run} ${year}: ${plural(count, 'faktura', 'fakturaer')}, befolkningstal pr. 1. januar ${year}`,
    tariff: (name, price, threshold, kneeRate, vatRate) =>
      `Tarif ${name}: ${f.exact(price)} kr. pr. borger pr. år, fuld pris for de første ${f.count(threshold)} borgere, ` +
      `${f.percent(kneeRate)} derover (knækmodel); moms ${f.percent(vatRate)}`,
    tariffFrom: (from, price, threshold, kneeRate, vatRate) =>
      `  fra ${f.date(from)}: ${f.exact(price)} kr. pr. borger pr. år, fuld pris for de første ${f.count(threshold)} borgere, ${f.percent(kneeRate)} derover (knækmodel); moms ${f.percent(vatRate)}`,
    nothingToInvoice: 'Ingen kommune har fakturerbare dage i denne kørsel.',
    columns: { invoice: 'Faktura', municipality: 'Kommune', period: 'Periode', population: 'Befolkning', net: 'Netto kr.', vat: 'Moms kr.', gross: 'Brutto kr.' },
    total: (count) => `I alt, ${plural(count, 'faktura', 'fakturaer')}`,
  },

  runSummary: {
    title: (run, year) => `FLIS fakturakørsel ${run} ${year}`,
    correctionTitle: (run, year, correction) => `FLIS fakturakørsel ${run} ${year}, rettelse ${correction}`,
    changesHeading: (n) => `Kreditnotaer og nye fakturaer for ${plural(n, 'kommune', 'kommuner')}:`,
    labels: {
      invoices: 'Fakturaer:',
      documents: 'Dokumenter:',
      net: 'Nettobeløb:',
      vat: 'Moms:',
      gross: 'Bruttobeløb:',
      issueDate: 'Udstedelsesdato:',
      einvoices: 'E-fakturaer:',
      population: 'Befolkning:',
      roster: 'Kommuneliste:',
      tariff: 'Tarif:',
      writtenBy: 'Skrevet af:',
    },
    amount: (amount) => `${f.amount(amount).padStart(16)} kr.`,
    issueDate: (date) => f.date(date),
    einvoices: (format, folder) => `${format}, én pr. dokument, i mappen ${folder}`,
    population: (source, year) => `befolkningstal pr. 1. januar ${year}; kilde: ${source}`,
    roster: (n) => plural(n, 'kommune', 'kommuner'),
    tariff: (name, given) => `${name}${given ? ' (efter en fil angivet af KOMBIT)' : ' (indbygget)'}`,
  },

  changes: {
    notInvoiced: (net) => `ikke faktureret før, nu netto ${f.number(net)} kr.`,
    nothingNow: (net, number) => `faktureret netto ${f.number(net)} kr. som ${number}, nu intet at fakturere`,
    field: (name) => FIELDS[name] ?? name,
    value: (field, plain) => {
      const day = DATE_FIELDS.has(field) ? parseIsoDate(plain) : undefined;
      if (day) return f.date(day);
      return NUMBER_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(plain) ? f.number(plain) : plain;
    },
    none: '(ingen)',
  },

  einvoice: {
    lineName: (run, year) => `FLIS ${run} ${year}`,
    line: (period, population, price, year) =>
      `FLIS ${f.periodInWords(period)}, ${f.count(population)} borgere pr. 1. januar ${year} à ${f.number(price)} kr. pr. år`,
    knee: (threshold, reduced, kneePrice) => `, knækmodel over ${f.count(threshold)} borgere: ${f.count(reduced)} borgere à ${f.exact(kneePrice)} kr.`,
    creditNoteLine: (number, billed) => `Kreditnota for ${number}: ${billed}`,
    creditNoteNote: (number) => `Kreditnota for faktura ${number}`,
    paymentTerms: (days) => `Netto ${days} dage`,
  },

  exitReport: {
    title: (municipality) => `FLIS – afregning ved udtræden: ${municipality}`,
    labels: { made: 'Udarbejdet:', exitDate: 'Udtrædelsesdato:', covers: 'Afregningen dækker:', repaymentPeriod: 'Tilbagebetalingsperiode:', settlement: 'Afregning:' },
    made: (date) => f.date(date),
    exitDate: (date) => `${f.date(date)} (første dag uden tilslutning)`,
    covers: (from, to) => f.periodInWords({ from, to }),
    repaymentEnds: (date) => `slutter ${f.date(date)}`,
    settlement: (total) => `${f.money(total)} ekskl. moms`,
    columns: { year: 'År', period: 'Periode', population: 'Befolkning', basis: 'Grundlag', annualFee: 'Årligt beløb kr.', months: 'Måneder', amount: 'Beløb kr.' },
    total: 'I alt',
    basis: (source, year) => (source === 'dst' ? `DST 1.1.${year}` : source === 'carried_forward' ? `DST 1.1.${year}, videreført` : `fremskrivning 1.1.${year}`),
    howComputed: 'Sådan er afregningen beregnet',
    afterAgreement: (exitDate, end) =>
      `Udtrædelsesdatoen ${f.date(exitDate)} ligger efter tilbagebetalingsperiodens udløb (${f.date(end)}): udtræden koster da intet (${SETTLEMENT_CLAUSES}).`,
    whatSettlementIs: (name, from, end) =>
      `Afregningen er det beløb, de almindelige fakturakørsler ville have faktureret ${name}, hvis kommunen var forblevet tilsluttet, ` +
      `fra ${f.date(from)} til ${f.date(end)}, hvor tilbagebetalingsperioden slutter (${SETTLEMENT_CLAUSES}).`,
    availableLater: (name, from) => `FLIS stilles til rådighed for ${name} ${f.date(from)}, efter udtrædelsesdatoen, så afregningen løber fra den dag.`,
    dstYears: (years) => `Befolkningstal for ${f.years(years)}: befolkningen pr. 1. januar i året.`,
    carriedForward: (years, population, basisYear, latest) =>
      latest
        ? `Befolkningen pr. 1. januar ${f.years(years)} var ikke offentliggjort, da Danmarks Statistiks tal blev hentet${latest.fetchedOn ? ` ${f.date(latest.fetchedOn)}` : ''}: ` +
          `det seneste offentliggjorte tal, ${f.count(population)} pr. 1. januar ${basisYear}, er videreført.`
        : `Datagrundlaget har intet befolkningstal pr. 1. januar ${f.years(years)}: det seneste tal i datagrundlaget, ${f.count(population)} pr. 1. januar ${basisYear}, er videreført.`,
    forecastYears: (years) => `Befolkningstal for ${f.years(years)}: befolkningsfremskrivningens tal pr. 1. januar i året.`,
    sources: (population, forecast) => `Kilde: ${population}${forecast ? `; fremskrivning: ${forecast}` : ''}.`,
    amounts: (vatRate, price, kneePrice, threshold) =>
      `Beløbene er nominelle kroner ekskl. moms og uden tilbagediskontering; moms (${f.percent(vatRate)}) lægges til ved faktureringen. ` +
      `Årligt beløb: ${f.exact(price)} kr. pr. borger og ${f.exact(kneePrice)} kr. pr. borger ud over ${f.count(threshold)} borgere (knækmodel).`,
    versions: (versions) =>
      `Tariffen ændres, som kendt på udtrædelsesdatoen (hver dag til de vilkår, der gælder den dag): ${versions
        .map((v) => `fra ${f.date(v.from)} ${f.exact(v.price)} kr. pr. borger, ${f.exact(v.price.times(v.kneeRate))} kr. over ${f.count(v.kneeThreshold)} borgere, moms ${f.percent(v.vatRate)}${v.decision ? ` (${v.decision})` : ''}`)
        .join('; ')}.`,
    creditsNotLookedUp: 'Fakturaer, der allerede er udstedt for dage fra og med udtrædelsesdatoen, indgår ikke i afregningen og skal krediteres; denne opgørelse lister dem ikke.',
    creditsListed: (year) =>
      `Fakturaerne i kraft i kørselsmappen sammenholdes kørsel for kørsel fra ${year} med det, kørslerne skal fakturere ved udtræden på udtrædelsesdatoen (intet fra den dag): ` +
      'det udstedte ud over det skal krediteres (kreditnota), det skyldige, der ikke er udstedt, skal stadig faktureres. Afregningen er ikke med: ingen kørsel fakturerer den, så den skal faktureres fuldt ud.',
    creditsHeading: (exitDate) => `Udstedt og skyldigt ved udtræden ${f.date(exitDate)}: kørslerne fra ${exitDate.year}`,
    noCredits: 'ingen',
    creditColumns: { run: 'Kørsel', period: 'Periode', invoice: 'Faktura', issued: 'Udstedt kr.', owed: 'Skyldigt kr.', toCredit: 'Krediteres kr.', toBill: 'Faktureres kr.' },
  },

  exitLetter: {
    from: 'Afsender:',
    subject: (legalName) => `Afregning ved udtræden af FLIS – ${legalName}`,
    date: (day) => f.date(day),
    cvr: (cvr) => `CVR ${cvr}`,
    phone: (phone) => `tlf. ${phone}`,
    opening: (legalName, exitDate, total, byYear) =>
      `Denne opgørelse viser, hvad ${legalName} skal betale ved udtræden af FLIS med virkning fra ${f.date(exitDate)}: ` +
      `${f.money(total)} ekskl. moms (${SETTLEMENT_CLAUSES}). ` +
      (byYear ? 'Nedenfor ses beløbet år for år, hvordan det er beregnet, og det aftalegrundlag, det hviler på.' : 'Nedenfor ses begrundelsen og det aftalegrundlag, den hviler på.'),
    clausesHeading: 'Aftalegrundlag',
    clauses: (start, end, price, kneePrice, threshold) => [
      { clause: CLAUSES.generalTerms, holds: 'Betaling fra tilrådighedsstillelsen; en kommune, der udtræder før tilbagebetalingsperiodens udløb, betaler for resten af perioden.' },
      { clause: CLAUSES.repaymentPeriod, holds: `Tilbagebetalingsperioden: ${f.date(start)} – ${f.date(end)}.` },
      { clause: CLAUSES.price, holds: `Prisen pr. borger, ${f.exact(price)} kr. ekskl. moms, og knækmodellen: ${f.exact(kneePrice)} kr. pr. borger ud over ${f.count(threshold)} borgere.` },
      { clause: CLAUSES.population, holds: 'Befolkningstallet pr. 1. januar i året, som Danmarks Statistik offentliggør det.' },
    ],
    contact: (name, email, phone) => `Spørgsmål til opgørelsen kan rettes til ${name}, ${email}${phone ? `, tlf. ${phone}` : ''}.`,
    closing: 'Med venlig hilsen',
    signature: 'Underskrift',
    nameAndTitle: 'Navn og stilling',
    page: (page, pages) => `Side ${page} af ${pages}`,
  },

  revenue: {
    title: (from, to) => `FLIS-indtægter ${from}–${to}`,
    heading: (from, to, byKommune) =>
      `FLIS-indtægter ${from}–${to}${byKommune ? ' pr. kommune' : ''}: nettobeløb i kroner ekskl. moms, nominelt, fra fakturakørslerne og de afregninger ved udtræden, der forfalder.`,
    inputs: {
      population: (source) => `befolkningstal: ${source}`,
      roster: (n) => `kommuneliste: ${plural(n, 'kommune', 'kommuner')}`,
      forecast: (source) =>
        source ? `befolkningsfremskrivning: ${source}` : 'ingen befolkningsfremskrivning (år uden befolkningstal i datagrundlaget får det seneste tal videreført)',
      invoices: (given) => (given ? 'udstedte fakturaer: fakturaerne i kraft i kørselsmappen' : 'ingen kørselsmappe (intet regnet som udstedt)'),
      costs: 'omkostninger: et budget angivet af KOMBIT',
      line: (parts) => `Datagrundlag: ${parts.join('; ')}.`,
    },
    columns: {
      year: 'År',
      code: 'Kode',
      municipality: 'Kommune',
      settlements: 'Udtræden',
      total: 'I alt',
      basis: 'Grundlag',
      income: 'Indtægter',
      costs: 'Omkostninger',
      difference: 'Difference',
      accumulated: 'Akkumuleret',
    },
    source: (source) => SOURCES[source],
    made: (date) => `Udarbejdet ${f.date(date)}.`,
    verdictHeading: `Vurdering efter ${CLAUSES.generalTerms}`,
    answer: (from, to, income, costs, difference, exceedYears) => {
      const verdict = difference.greaterThan(0)
        ? `overstiger omkostningerne (${f.money(costs)}) med ${f.money(difference)}`
        : difference.isZero()
          ? `svarer på øret til omkostningerne (${f.money(costs)})`
          : `overstiger ikke omkostningerne (${f.money(costs)}): ${f.money(difference.negated())} under`;
      const running =
        exceedYears.length > 0 ? `; de akkumulerede indtægter overstiger de akkumulerede omkostninger ved udgangen af ${f.years(exceedYears)}` : '';
      return `Indtægterne ${from}–${to} (${f.money(income)}) ${verdict}${running}.`;
    },
    consequence: (exceeds) =>
      exceeds
        ? `Det medfører efter ${CLAUSES.generalTerms} enten, at den kommunale pris sænkes, eller at midlerne går til videreudvikling: »${CLAUSE_WORDS.surplus}«.`
        : `Efter ${CLAUSES.generalTerms} sænkes den kommunale pris, eller midlerne går til videreudvikling, hvis indtægterne overstiger udgifterne; ` +
          `det gør de ikke over perioden: »${CLAUSE_WORDS.surplus}«.`,
    omitted: (headings) => `Kolonner, der er 0,00 i alle rækker, er udeladt: ${listed(headings, 'og')}.`,
    solvedPrice: (s, period) => {
      const years = `${period.from}–${period.to}`;
      const price = (p: Decimal) => `${f.number(p.toFixed(2))} kr.`;
      if (s.outcome === 'none') {
        return `Ingen pris på 0 kr. eller derover fra ${f.date(s.from)} holder indtægterne ${years} inden for omkostningerne (${f.money(s.costs)}): med 0,00 kr. pr. borger fra da af ville indtægterne stadig være ${f.money(s.income)}.`;
      }
      if (s.outcome === 'ceiling') {
        return `Med aftalens maksimum, ${price(s.price)} pr. borger fra ${f.date(s.from)}, overstiger indtægterne ${years} (${f.money(s.income)}) ikke omkostningerne (${f.money(s.costs)}): en lavere pris er ikke nødvendig.`;
      }
      return (
        `Den højeste pris pr. borger fra ${f.date(s.from)}, hvor indtægterne ${years} ikke overstiger omkostningerne (${f.money(s.costs)}): ` +
        `${price(s.price)} (indtægter ${f.money(s.income)}; med ${price(s.price.plus('0.01'))} ville de være ${f.money(s.incomeAbove!)}, over omkostningerne).`
      );
    },
    legend: (latest) =>
      'Grundlag: DST = befolkningstallet pr. 1. januar i året; ' +
      `videreført = ${latest ? 'det seneste tal, Danmarks Statistik havde offentliggjort, da tallene blev hentet' : 'det seneste tal i datagrundlaget'}; ` +
      'fremskrivning = befolkningsfremskrivningen. Afregninger ved udtræden forfalder i udtrædelsesdatoens år.',
    budgetHeading: `Indtægter og omkostninger (${CLAUSES.generalTerms})`,
    chartLabel: 'Indtægter pr. år fordelt på grundlag',
    chartLabelWithCosts: 'Indtægter pr. år fordelt på grundlag og omkostninger pr. år',
    millions: (value) => `${value === 0 ? '0' : f.number((value / 1_000_000).toFixed(1))} mio.`,
    reconciliation: {
      heading:
        'Udstedt og skyldigt: beløbene ovenfor er det skyldige efter dette datagrundlag; udstedt er fakturaerne i kraft i kørselsmappen. ' +
        'Udstedt + faktureres − krediteres = skyldigt, i hver kørsel for hver kommune.',
      columns: { owed: 'Skyldigt', issued: 'Udstedt', toCredit: 'Krediteres', toBill: 'Faktureres', run: 'Kørsel', invoice: 'Faktura' },
      settlement: 'Udtræden',
      differencesHeading:
        'Krediteres og faktureres pr. kommune i de kørsler, mappen har udstedt, og afregningerne ved udtræden (ingen kørsel fakturerer en afregning: den skal faktureres fuldt ud):',
      noDifferences: 'Intet at kreditere eller fakturere i de kørsler, mappen har udstedt, og ingen afregning ved udtræden.',
      notIssued: (runs) =>
        `Kørsler uden fakturaer i kraft i mappen, faktureres fuldt ud: ${runs.map((r) => `${r.year} ${r.run} ${f.amount(r.toBill)} (${plural(r.municipalities, 'kommune', 'kommuner')})`).join('; ')}.`,
    },
  },

  check: {
    summary: (problems, warnings, files, year) =>
      `flis check: ${problems === 0 ? 'ingen problemer' : plural(problems, 'problem', 'problemer')}, ${plural(warnings, 'advarsel', 'advarsler')}` +
      (files.length > 0 ? ` i ${files.join(', ')} for ${year}` : ''),
  },

  exitOverview: {
    title: (exitDate) => `FLIS – afregning ved udtræden pr. ${f.date(exitDate)}`,
    heading: (exitDate, end) => `Hvad hver tilsluttet kommune skulle betale ved udtræden af FLIS ${f.date(exitDate)}, frem til ${f.date(end)}:`,
    count: (n, total) => `${plural(n, 'kommune', 'kommuner')}, i alt ${f.money(total)} ekskl. moms, nominelt og uden tilbagediskontering.`,
    columns: {
      code: 'Kode',
      municipality: 'Kommune',
      from: 'Fra',
      years: 'År',
      basis: 'Befolkningsgrundlag',
      settlement: 'Afregning kr.',
      toCredit: 'Krediteres kr.',
      toBill: 'Faktureres kr.',
    },
    source: (source) => SOURCES[source],
    legend: (latest) =>
      `Befolkningsgrundlag: DST = befolkningstallet for året; videreført = ${latest ? 'det seneste offentliggjorte tal, da tallene blev hentet' : 'det seneste tal i datagrundlaget'}; ` +
      'fremskrivning = befolkningsfremskrivningen.',
    runsCompared:
      'Krediteres, faktureres: kørslerne fra udtrædelsesåret ved udtræden på datoen, sammenholdt med fakturaerne i kraft i kørselsmappen (hver kommunes egen rapport lister dem); afregningerne skal faktureres derudover.',
    notIncluded: (names) => `Ikke medtaget, da de er udtrådt inden da: ${names.join(', ')}.`,
    left: (name, code, exitDate) => `${name} (${code}, udtrådt ${exitDate ? f.date(exitDate) : '?'})`,
  },

  workbook: {
    sheets: {
      settlement: 'Afregning',
      years: 'År',
      settlements: 'Afregninger',
      compared: 'Udstedt og skyldigt',
      revenue: 'Indtægter',
      differences: 'Krediteres og faktureres',
      invoices: 'Fakturaer',
      documents: 'Dokumenter',
      about: 'Om data',
    },
    columns: { code: 'Kode', municipality: 'Kommune', from: 'Fra', to: 'Til', firstYear: 'Første år', lastYear: 'Sidste år' },
    invoiceColumns: {
      invoice_number: 'Fakturanummer',
      document_type: 'Dokumenttype',
      issue_date: 'Udstedelsesdato',
      due_date: 'Forfaldsdato',
      credited_invoice: 'Krediterer faktura',
      replaced_invoice: 'Erstatter faktura',
      kommune_code: 'Kommunekode',
      kommune_name: 'Kommune',
      buyer_name: 'Køber',
      buyer_cvr: 'Købers CVR-nummer',
      buyer_street: 'Købers adresse',
      buyer_postal_code: 'Postnummer',
      buyer_city: 'By',
      ean: 'EAN',
      buyer_reference: 'Købers reference',
      kontostreng: 'Kontostreng',
      run: 'Kørsel',
      period_from: 'Periode fra',
      period_to: 'Periode til',
      population_date: 'Befolkningsdato',
      population: 'Befolkningstal',
      full_rate_citizens: 'Borgere til fuld pris',
      reduced_rate_citizens: 'Borgere til nedsat pris',
      price_per_citizen: 'Pris pr. borger kr.',
      annual_fee: 'Årligt beløb kr.',
      net_amount: 'Nettobeløb kr.',
      vat_rate: 'Momssats',
      vat_amount: 'Moms kr.',
      gross_amount: 'Bruttobeløb kr.',
      notes: 'Bemærkninger',
    },
    documentType: (type) => (type === 'credit_note' ? 'kreditnota' : type === 'invoice' ? 'faktura' : type),
    about: { figures: 'Tallene', sources: 'Kilder', clauses: 'Aftalegrundlag', writtenBy: 'Skrevet af' },
    sources: {
      roster: (n) => `Kommunelisten: de ${plural(n, 'kommune', 'kommuner')}, der er tilsluttet FLIS, med datoerne for tilrådighedsstillelse, pilotperiode og udtræden.`,
      tariff: (name, builtIn) => `Tarif ${name}${builtIn ? ' (aftalens egen)' : ''}: pris pr. borger, knækmodel, momssats og tilbagebetalingsperiode.`,
      issued: 'De udstedte fakturaer og kreditnotaer i kørselsmappen, kontrolleret mod dens manifest.',
      costs: 'Omkostningerne pr. år, som de er opgivet til sammenligningen.',
    },
    clauses: [
      `${CLAUSES.generalTerms}: betaling fra tilrådighedsstillelsen, fakturakørslerne, pilotperioden og afregningen ved udtræden.`,
      `${CLAUSES.repaymentPeriod}: tilbagebetalingsperioden, 1. januar 2024 – 31. december 2033.`,
      `${CLAUSES.price}: prisen pr. borger og knækmodellen.`,
      `${CLAUSES.population}: befolkningstallet pr. 1. januar, som prisen ganges med.`,
    ],
    writtenBy: (version) => `flis ${version}`,
    invoiceFile: (csv) => `Dokumenterne i ${csv}, som økonomisystemet indlæser; regnearket viser de samme dokumenter og beløb.`,
  },
};
