// The documents in English (--lang en): the wording flis has always used, with ISO dates and 1,234.56.

import type { Decimal } from '../engine/money.js';
import type { CalendarDate } from '../engine/dates.js';
import { formatDate } from '../engine/dates.js';
import { CLAUSES, CLAUSE_WORDS } from './clauses.js';
import { listed, peopleFormat } from './format.js';
import type { FiguresSource, LanguageTexts, RosterFacts } from './texts.js';

const f = peopleFormat('en');
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayInWords = (d: CalendarDate): string => `${d.day} ${MONTHS[d.month - 1]}`;
const SETTLEMENT_CLAUSES = `${CLAUSES.generalTerms}; ${CLAUSES.repaymentPeriod}`;
/** The agreement's words on a surplus, quoted in Danish, with a translation of flis's own. */
const SURPLUS =
  `"${CLAUSE_WORDS.surplus}" (in English: if the income exceeds the costs, for example because of an economically advantageous ` +
  're-tender, it will mean either that the municipal price is lowered or that the funds go to further development)';

/**
 * A source as a reader knows it: "Statistics Denmark, FOLK1A, population on 1 January 2025 (fetched from StatBank
 * on 2025-02-12, table updated 2025-02-11)"; a file KOMBIT gave is said to be that.
 */
function sourceInWords(source: FiguresSource, what: string): string {
  const how =
    source.kind === 'fetched'
      ? [`fetched from StatBank${source.fetchedOn ? ` on ${formatDate(source.fetchedOn)}` : ''}`, ...(source.tableUpdated ? [`table updated ${formatDate(source.tableUpdated)}`] : [])].join(', ')
      : source.kind === 'transcribed'
        ? 'figures transcribed from another source, not fetched from StatBank'
        : 'from a file supplied by KOMBIT';
  const table = source.table ?? (source.webExport ? 'StatBank web export' : undefined);
  return table === undefined ? `${what}, ${how}` : `Statistics Denmark, ${table}, ${what} (${how})`;
}

/** The roster's dates for a municipality, as a credit note gives them. */
const rosterFacts = (r: RosterFacts): string =>
  [`available from ${formatDate(r.availableFrom)}`, ...(r.pilotStart ? [`pilot from ${formatDate(r.pilotStart)}`] : []), ...(r.exitDate ? [`exit ${formatDate(r.exitDate)}`] : [])].join(', ');

export const ENGLISH: LanguageTexts = {
  sources: {
    population: (source) => sourceInWords(source, `population on 1 January ${f.years(source.years)}`),
    forecast: (source) => sourceInWords(source, `population projection ${f.years(source.years)}`),
  },

  notes: {
    availableFrom: (date) => `available from ${formatDate(date)} (tilrådighedsstillelse): billed from that day`,
    pilotFree: (from, to, days) => `pilot municipality: no charge ${formatDate(from)} to ${formatDate(to)} (${days} days)`,
    exit: (exitDate) => `left FLIS on ${formatDate(exitDate)} (udtræden): billed to the day before`,
    agreementEnd: (date) => `the agreement ends ${formatDate(date)}: nothing billed after it`,
    prices: (lines) =>
      `the price changes in the period: ${lines.map((l) => `${f.periodInWords(l.period)} ${f.exact(l.price)} DKK per citizen, ${f.money(l.net)}${l.vatRate ? ` (VAT ${f.percent(l.vatRate)})` : ''}`).join('; ')}`,
    creditNoteFor: (number) => `credit note (kreditnota) for ${number}`,
    replaces: (number) => `replaces ${number}`,
  },

  creditReasons: {
    creditNote: (number, why) => `credit note (kreditnota) for ${number}: ${why.join('; ')}`,
    population: (year, before, after) => `the population on 1 January ${year} is ${f.count(after)}, not ${f.count(before)}`,
    periodFrom: (before, after) => `the period begins ${formatDate(after)}, not ${formatDate(before)} (tilrådighedsstillelse)`,
    periodTo: (before, after) => `the period ends ${formatDate(after)}, not ${formatDate(before)} (udtræden)`,
    price: (before, after) => `the price per citizen is ${after} DKK, not ${before} DKK (tariff)`,
    knee: () => 'the citizens are split otherwise between full and reduced price (knee)',
    vatRate: (before, after) => `the VAT rate is ${after}, not ${before}`,
    ean: (before, after) => `the EAN is ${after === '' ? '(none)' : after}, not ${before === '' ? '(none)' : before}`,
    buyer: (before, after) => `the buyer is ${after}, not ${before}`,
    reference: (before, after) => `the buyer's reference is ${after === '' ? '(none)' : `"${after}"`}, not ${before === '' ? '(none)' : `"${before}"`}`,
    kontostreng: (before, after) => `the account string (kontostreng) is ${after === '' ? '(none)' : after}, not ${before === '' ? '(none)' : before}`,
    billableDays: (roster) => `the billable days of the period changed${roster ? ` (roster: ${rosterFacts(roster)})` : ''}`,
    notBilled: (run, year, roster) =>
      roster ? `no billable day in run ${run} ${year} by the roster (${rosterFacts(roster)})` : `the municipality is no longer on the roster: nothing to invoice in run ${run} ${year}`,
  },

  invoiceTable: {
    title: (run, year, count) => `FLIS invoices, run ${run} ${year}: ${plural(count, 'invoice', 'invoices')}, population on 1 January ${year}`,
    tariff: (name, price, threshold, kneeRate, vatRate) =>
      `Tariff ${name}: ${f.exact(price)} DKK per citizen per year, ${f.count(threshold)} citizens at full price, ${f.percent(kneeRate)} above; VAT ${f.percent(vatRate)}`,
    tariffFrom: (from, price, threshold, kneeRate, vatRate) =>
      `  from ${formatDate(from)}: ${f.exact(price)} DKK per citizen per year, ${f.count(threshold)} citizens at full price, ${f.percent(kneeRate)} above; VAT ${f.percent(vatRate)}`,
    nothingToInvoice: 'No municipality has billable days in this run.',
    columns: { invoice: 'Invoice', municipality: 'Municipality', period: 'Period', population: 'Population', net: 'Net DKK', vat: 'VAT DKK', gross: 'Gross DKK' },
    total: (count) => `Total, ${plural(count, 'invoice', 'invoices')}`,
  },

  runSummary: {
    title: (run, year) => `FLIS invoice run ${run} ${year}`,
    correctionTitle: (run, year, correction) => `FLIS invoice run ${run} ${year}, correction ${correction}`,
    changesHeading: (n) => `Credit notes and new invoices for ${n} municipalit${n === 1 ? 'y' : 'ies'}:`,
    labels: {
      invoices: 'Invoices:',
      documents: 'Documents:',
      net: 'Net amount:',
      vat: 'VAT amount:',
      gross: 'Gross amount:',
      issueDate: 'Issue date:',
      einvoices: 'E-invoices:',
      population: 'Population:',
      roster: 'Roster:',
      tariff: 'Tariff:',
      writtenBy: 'Written by:',
    },
    amount: (amount) => `${f.amount(amount).padStart(16)} DKK`,
    issueDate: (date) => formatDate(date),
    einvoices: (format, folder) => `${format}, one per document, in the folder ${folder}`,
    population: (source, year) => `population on 1 January ${year}; source: ${source}`,
    roster: (n) => plural(n, 'municipality', 'municipalities'),
    tariff: (name, given) => `${name}${given ? ' (from a file supplied by KOMBIT)' : ' (built in)'}`,
  },

  changes: {
    notInvoiced: (net) => `not invoiced, now net ${net}`,
    nothingNow: (net, number) => `invoiced net ${net} as ${number}, now nothing to invoice`,
    field: (name) => name,
    value: (_field, plain) => plain,
    none: '(none)',
  },

  einvoice: {
    lineName: (run, year) => `FLIS ${run} ${year}`,
    line: ({ from, to }, population, price, year) => {
      const period = from.year === to.year ? `${dayInWords(from)} – ${dayInWords(to)} ${to.year}` : `${dayInWords(from)} ${from.year} – ${dayInWords(to)} ${to.year}`;
      return `FLIS ${period}, ${f.count(population)} citizens on 1 January ${year} at ${price} DKK a year`;
    },
    knee: (threshold, reduced, kneePrice) => `, knee above ${f.count(threshold)}: ${f.count(reduced)} citizens at ${f.exact(kneePrice)} DKK`,
    creditNoteLine: (number, billed) => `Credit note for ${number}: ${billed}`,
    creditNoteNote: (number) => `Credit note (kreditnota) for invoice ${number}`,
    paymentTerms: (days) => `Net ${days} days`,
  },

  exitReport: {
    title: (municipality) => `FLIS exit settlement (udtræden): ${municipality}`,
    labels: { made: 'Prepared:', exitDate: 'Exit date:', covers: 'Settlement covers:', repaymentPeriod: 'Repayment period:', settlement: 'Settlement:' },
    made: (date) => formatDate(date),
    exitDate: (date) => `${formatDate(date)} (first day no longer connected)`,
    covers: (from, to) => f.period({ from, to }),
    repaymentEnds: (date) => `ends ${formatDate(date)}`,
    settlement: (total) => `${f.amount(total)} DKK excl. VAT`,
    columns: { year: 'Year', period: 'Period', population: 'Population', basis: 'Basis', annualFee: 'Annual fee DKK', months: 'Months', amount: 'Amount DKK' },
    total: 'Total',
    basis: (source, year) => (source === 'dst' ? `DST 1 Jan ${year}` : source === 'carried_forward' ? `DST 1 Jan ${year}, carried forward` : `forecast 1 Jan ${year}`),
    howComputed: 'How this is computed',
    afterAgreement: (exitDate, end) =>
      `The exit date ${formatDate(exitDate)} is after the end of the repayment period (${formatDate(end)}): leaving then costs nothing (${SETTLEMENT_CLAUSES}).`,
    whatSettlementIs: (name, from, end) =>
      `The settlement is what the regular invoice runs would have billed had ${name} stayed, from ${formatDate(from)} to ${formatDate(end)}, the end of the repayment period (${SETTLEMENT_CLAUSES}).`,
    availableLater: (name, from) => `FLIS is made available to ${name} on ${formatDate(from)}, after the exit date, so the settlement runs from that day.`,
    dstYears: (years) => `Population for ${f.years(years)}: the population on 1 January of the year.`,
    carriedForward: (years, population, basisYear, latest) =>
      latest
        ? `The population on 1 January ${f.years(years)} was not published when Statistics Denmark's figures were fetched${latest.fetchedOn ? ` on ${formatDate(latest.fetchedOn)}` : ''}: ` +
          `the latest published figure, ${f.count(population)} on 1 January ${basisYear}, is carried forward.`
        : `The figures at hand have no population on 1 January ${f.years(years)}: the latest figure at hand, ${f.count(population)} on 1 January ${basisYear}, is carried forward.`,
    forecastYears: (years) => `Population for ${f.years(years)}: the projection's figure on 1 January of the year.`,
    sources: (population, forecast) => `Source: ${population}${forecast ? `; projection: ${forecast}` : ''}.`,
    amounts: (vatRate, price, kneePrice, threshold) =>
      `Amounts are nominal DKK excl. VAT, undiscounted; VAT (${f.percent(vatRate)}) is added when invoiced. ` +
      `Annual fee: ${f.exact(price)} DKK per citizen, ${f.exact(kneePrice)} DKK above ${f.count(threshold)} citizens.`,
    versions: (versions) =>
      `The tariff changes as known on the exit date (each day at the terms in force that day): ${versions
        .map((v) => `from ${formatDate(v.from)} ${f.exact(v.price)} DKK per citizen, ${f.exact(v.price.times(v.kneeRate))} DKK above ${f.count(v.kneeThreshold)} citizens, VAT ${f.percent(v.vatRate)}${v.decision ? ` (${v.decision})` : ''}`)
        .join('; ')}.`,
    creditsNotLookedUp: 'Invoices already issued for days on or after the exit date are not part of the settlement and are to be credited; this report does not list them.',
    creditsListed: (year) =>
      `The invoices in force in the run folder are compared, run by run from ${year} on, with what the runs owe leaving on the exit date (nothing from that day on): ` +
      'what was issued beyond it is to credit (kreditnota), what is owed but not issued is still to bill. The settlement is not among them: no run invoices it, so it is to bill in full.',
    creditsHeading: (exitDate) => `Issued and owed, leaving on ${formatDate(exitDate)}: the runs from ${exitDate.year} on`,
    noCredits: 'none',
    creditColumns: { run: 'Run', period: 'Period', invoice: 'Invoice', issued: 'Issued DKK', owed: 'Owed DKK', toCredit: 'To credit DKK', toBill: 'To bill DKK' },
  },

  exitLetter: {
    from: 'From:',
    subject: (legalName) => `Settlement on leaving FLIS – ${legalName}`,
    date: (day) => `${dayInWords(day)} ${day.year}`,
    cvr: (cvr) => `CVR ${cvr}`,
    phone: (phone) => `tel. ${phone}`,
    opening: (legalName, exitDate, total, byYear) =>
      `This statement shows what ${legalName} is to pay on leaving FLIS with effect from ${formatDate(exitDate)}: ` +
      `${f.amount(total)} DKK excl. VAT (${SETTLEMENT_CLAUSES}). ` +
      (byYear ? 'Below are the amount year by year, how it is computed and the clauses it rests on.' : 'Below are the reasons and the clauses they rest on.'),
    clausesHeading: 'The clauses',
    clauses: (start, end, price, kneePrice, threshold) => [
      { clause: CLAUSES.generalTerms, holds: 'Payment from the day FLIS is made available; a municipality that leaves before the end of the repayment period pays for the rest of it.' },
      { clause: CLAUSES.repaymentPeriod, holds: `The repayment period: ${formatDate(start)} to ${formatDate(end)}.` },
      { clause: CLAUSES.price, holds: `The price per citizen, ${f.exact(price)} DKK excl. VAT, and the knee: ${f.exact(kneePrice)} DKK per citizen above ${f.count(threshold)} citizens.` },
      { clause: CLAUSES.population, holds: 'The population on 1 January of the year, as Statistics Denmark publishes it.' },
    ],
    contact: (name, email, phone) => `Questions about this statement: ${name}, ${email}${phone ? `, tel. ${phone}` : ''}.`,
    closing: 'Yours sincerely',
    signature: 'Signature',
    nameAndTitle: 'Name and title',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },

  revenue: {
    title: (from, to) => `FLIS income ${from}–${to}`,
    heading: (from, to, byKommune) =>
      `FLIS income ${from}–${to}${byKommune ? ' per municipality' : ''}: net DKK excl. VAT, nominal, from the invoice runs and the exit settlements falling due.`,
    inputs: {
      population: (source) => `population: ${source}`,
      roster: (n) => `roster: ${plural(n, 'municipality', 'municipalities')}`,
      forecast: (source) => (source ? `projection: ${source}` : 'no projection (years without a population figure at hand carry the latest figure forward)'),
      invoices: (given) => (given ? 'issued: the invoices in force in the run folder' : 'no run folder (nothing counted as issued)'),
      costs: 'costs: a budget supplied by KOMBIT',
      line: (parts) => `Inputs: ${parts.join('; ')}.`,
    },
    columns: {
      year: 'Year',
      code: 'Code',
      municipality: 'Municipality',
      settlements: 'Exit settlements',
      total: 'Total',
      basis: 'Basis',
      income: 'Income',
      costs: 'Costs',
      difference: 'Difference',
      accumulated: 'Accumulated',
    },
    source: (source) => ({ dst: 'DST', carried_forward: 'carried forward', forecast: 'forecast' })[source],
    made: (date) => `Prepared ${formatDate(date)}.`,
    verdictHeading: `Assessment under ${CLAUSES.generalTerms}`,
    answer: (from, to, income, costs, difference, exceedYears) => {
      const verdict = difference.greaterThan(0)
        ? `exceeds the costs (${f.money(costs)}) by ${f.money(difference)}`
        : difference.isZero()
          ? `equals the costs (${f.money(costs)}) to the øre`
          : `does not exceed the costs (${f.money(costs)}): ${f.money(difference.negated())} below`;
      const running = exceedYears.length > 0 ? `; the accumulated income exceeds the accumulated costs at the end of ${f.years(exceedYears)}` : '';
      return `The income ${from}–${to} (${f.money(income)}) ${verdict}${running}.`;
    },
    consequence: (exceeds) =>
      exceeds
        ? `By ${CLAUSES.generalTerms}, this means that either the municipal price is lowered or the funds go to further development: ${SURPLUS}.`
        : `By ${CLAUSES.generalTerms}, the municipal price is lowered or the funds go to further development if the income exceeds the costs; ` +
          `over the period it does not: ${SURPLUS}.`,
    omitted: (headings) => `Columns that are 0.00 in every row are left out: ${listed(headings, 'and')}.`,
    solvedPrice: (s, period) => {
      const years = `${period.from}–${period.to}`;
      const price = (p: Decimal) => `${f.number(p.toFixed(2))} DKK`;
      if (s.outcome === 'none') {
        return `No price of 0 or more from ${formatDate(s.from)} keeps the income ${years} within the costs (${f.money(s.costs)}): at 0.00 DKK per citizen from then on, the income would still be ${f.money(s.income)}.`;
      }
      if (s.outcome === 'ceiling') {
        return `At the agreement's maximum, ${price(s.price)} per citizen from ${formatDate(s.from)}, the income ${years} (${f.money(s.income)}) does not exceed the costs (${f.money(s.costs)}): no lower price is needed.`;
      }
      return (
        `The highest price per citizen from ${formatDate(s.from)} at which the income ${years} does not exceed the costs (${f.money(s.costs)}): ` +
        `${price(s.price)} (income ${f.money(s.income)}; at ${price(s.price.plus('0.01'))} it would be ${f.money(s.incomeAbove!)}, above the costs).`
      );
    },
    legend: (latest) =>
      'Basis: DST = the population on 1 January of the year; ' +
      `carried forward = ${latest ? 'the latest figure Statistics Denmark had published when the figures were fetched' : 'the latest figure at hand'}; ` +
      'forecast = the population projection. Exit settlements fall due in the year of the exit date.',
    budgetHeading: `Income and costs (${CLAUSES.generalTerms})`,
    chartLabel: 'Income per year by source',
    chartLabelWithCosts: 'Income per year by source, and costs per year',
    millions: (value) => `${value === 0 ? '0' : f.number((value / 1_000_000).toFixed(1))} M`,
    reconciliation: {
      heading:
        'Issued and owed: the amounts above are what is owed on these inputs; issued is the invoices in force in the run folder. ' +
        'Issued + to bill − to credit = owed, in every run of every municipality.',
      columns: { owed: 'Owed', issued: 'Issued', toCredit: 'To credit', toBill: 'To bill', run: 'Run', invoice: 'Invoice' },
      settlement: 'Exit',
      differencesHeading: 'To credit and to bill, per municipality, in the runs the folder has issued, and the exit settlements (no run invoices a settlement: it is to bill in full):',
      noDifferences: 'Nothing to credit or to bill in the runs the folder has issued, and no exit settlement.',
      notIssued: (runs) =>
        `Runs with no invoice in force in the folder, to bill in full: ${runs.map((r) => `${r.year} ${r.run} ${f.amount(r.toBill)} (${plural(r.municipalities, 'municipality', 'municipalities')})`).join('; ')}.`,
    },
  },

  check: {
    summary: (problems, warnings, files, year) =>
      `flis check: ${problems === 0 ? 'no problems' : plural(problems, 'problem', 'problems')}, ${plural(warnings, 'warning', 'warnings')}` +
      (files.length > 0 ? ` in ${files.join(', ')} for ${year}` : ''),
  },

  exitOverview: {
    title: (exitDate) => `FLIS exit settlements on ${formatDate(exitDate)}`,
    heading: (exitDate, end) => `What each connected municipality would owe leaving FLIS on ${formatDate(exitDate)} (udtræden), to ${formatDate(end)}:`,
    count: (n, total) => `${n} municipalit${n === 1 ? 'y' : 'ies'}, total ${f.amount(total)} DKK excl. VAT, nominal and undiscounted.`,
    columns: {
      code: 'Code',
      municipality: 'Municipality',
      from: 'From',
      years: 'Years',
      basis: 'Population basis',
      settlement: 'Settlement DKK',
      toCredit: 'To credit DKK',
      toBill: 'To bill DKK',
    },
    source: (source) => source, // the codes of the CSV, explained by the legend
    legend: (latest) =>
      `Population basis: dst = the figure of the year; carried_forward = ${latest ? 'the latest published figure when the figures were fetched' : 'the latest figure at hand'}; forecast = the projection.`,
    runsCompared:
      'To credit, to bill: the runs from the exit year on, leaving on the date, against the invoices in force in the run folder (each municipality\'s own report lists them); the settlements are to bill besides.',
    notIncluded: (names) => `Not included, having left by then: ${names.join(', ')}.`,
    left: (name, code, exitDate) => `${name} (${code}, exit ${exitDate ? formatDate(exitDate) : '?'})`,
  },

  workbook: {
    sheets: {
      settlement: 'Settlement',
      years: 'Years',
      settlements: 'Settlements',
      compared: 'Issued and owed',
      revenue: 'Income',
      differences: 'To credit and to bill',
      invoices: 'Invoices',
      documents: 'Documents',
      about: 'About the data',
    },
    columns: { code: 'Code', municipality: 'Municipality', from: 'From', to: 'To', firstYear: 'First year', lastYear: 'Last year' },
    invoiceColumns: {
      invoice_number: 'Invoice number',
      document_type: 'Document type',
      issue_date: 'Issue date',
      due_date: 'Due date',
      credited_invoice: 'Credits invoice',
      replaced_invoice: 'Replaces invoice',
      kommune_code: 'Municipality code',
      kommune_name: 'Municipality',
      buyer_name: 'Buyer',
      buyer_cvr: "Buyer's CVR number",
      buyer_street: "Buyer's address",
      buyer_postal_code: 'Postal code',
      buyer_city: 'City',
      ean: 'EAN',
      buyer_reference: "Buyer's reference",
      kontostreng: 'Account string (kontostreng)',
      run: 'Run',
      period_from: 'Period from',
      period_to: 'Period to',
      population_date: 'Population date',
      population: 'Population',
      full_rate_citizens: 'Citizens at full price',
      reduced_rate_citizens: 'Citizens at reduced price',
      price_per_citizen: 'Price per citizen DKK',
      annual_fee: 'Annual fee DKK',
      net_amount: 'Net DKK',
      vat_rate: 'VAT rate',
      vat_amount: 'VAT DKK',
      gross_amount: 'Gross DKK',
      notes: 'Notes',
    },
    documentType: (type) => (type === 'credit_note' ? 'credit note' : type),
    about: { figures: 'The figures', sources: 'Sources', clauses: 'The agreement', writtenBy: 'Written by' },
    sources: {
      roster: (n) => `The roster: the ${plural(n, 'municipality', 'municipalities')} connected to FLIS, with the dates FLIS was made available, of any pilot period and of any exit.`,
      tariff: (name, builtIn) => `Tariff ${name}${builtIn ? " (the agreement's own)" : ''}: price per citizen, knee, VAT rate and repayment period.`,
      issued: 'The invoices and credit notes issued in the run folder, checked against its manifest.',
      costs: 'The costs per year, as given for the comparison.',
    },
    clauses: [
      `${CLAUSES.generalTerms}: payment from the day FLIS is made available, the invoice runs, the pilot period and the settlement on exit.`,
      `${CLAUSES.repaymentPeriod}: the repayment period, 1 January 2024 to 31 December 2033.`,
      `${CLAUSES.price}: the price per citizen and the knee.`,
      `${CLAUSES.population}: the population on 1 January that the price is multiplied by.`,
    ],
    writtenBy: (version) => `flis ${version}`,
    invoiceFile: (csv) => `The documents of ${csv}, which the finance system imports; this workbook shows the same documents and amounts.`,
  },
};
