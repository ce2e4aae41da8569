// The clauses of the agreements that the documents cite: the agreements themselves, never a file of flis's.
// docs/billing-rules.md says what each holds. The same names in every language: they are the documents' titles.

export const CLAUSES = {
  /** Payment from tilrådighedsstillelse, the runs, the pilot months and udtræden. */
  generalTerms: 'Generelle vilkår pkt. 5',
  /** The repayment period 2024–2033. */
  repaymentPeriod: 'Tilslutningsaftale FLIS 2023, Bilag 1 §2.1',
  /** The price per citizen and the knee. */
  price: 'Tilslutningsaftale FLIS 2023, Bilag 1 §2.2',
  /** The population on 1 January of the billing year. */
  population: 'Tilslutningsaftale FLIS 2023, Bilag 1 §3',
} as const;

