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

/**
 * The agreements' own words where a document quotes them: Danish in every language (an English document adds a
 * translation of its own). Quoted exactly; docs/billing-rules.md says where each is from.
 */
export const CLAUSE_WORDS = {
  /** Generelle vilkår pkt. 5: what follows when the project's income exceeds its costs. */
  surplus:
    'Hvis indtægterne overstiger udgifterne, eksempelvis på grund af et økonomisk fordelagtigt genudbud, vil det enten medføre, ' +
    'at den kommunale pris sænkes, eller at midlerne går til videreudvikling',
} as const;
