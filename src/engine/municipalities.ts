// The 98 Danish municipalities (kommuner) with DST's three-digit codes, and how an area written in a file or on
// the command line is recognised: by code (3 or 4 digits), by DST name, or by the variants found in the wild.
// Pure data and string work; the list is held equal to fixtures/dst/kommuner.csv by a test.

import { editDistance } from './edit-distance.js';

export interface Municipality {
  /** DST's three-digit municipality code, e.g. "101". */
  readonly code: string;
  /** DST's name, e.g. "København". */
  readonly name: string;
  readonly region: string;
}

const TABLE: ReadonlyArray<readonly [string, string, string]> = [
  ['101', 'København', 'Region Hovedstaden'],
  ['147', 'Frederiksberg', 'Region Hovedstaden'],
  ['151', 'Ballerup', 'Region Hovedstaden'],
  ['153', 'Brøndby', 'Region Hovedstaden'],
  ['155', 'Dragør', 'Region Hovedstaden'],
  ['157', 'Gentofte', 'Region Hovedstaden'],
  ['159', 'Gladsaxe', 'Region Hovedstaden'],
  ['161', 'Glostrup', 'Region Hovedstaden'],
  ['163', 'Herlev', 'Region Hovedstaden'],
  ['165', 'Albertslund', 'Region Hovedstaden'],
  ['167', 'Hvidovre', 'Region Hovedstaden'],
  ['169', 'Høje-Taastrup', 'Region Hovedstaden'],
  ['173', 'Lyngby-Taarbæk', 'Region Hovedstaden'],
  ['175', 'Rødovre', 'Region Hovedstaden'],
  ['183', 'Ishøj', 'Region Hovedstaden'],
  ['185', 'Tårnby', 'Region Hovedstaden'],
  ['187', 'Vallensbæk', 'Region Hovedstaden'],
  ['190', 'Furesø', 'Region Hovedstaden'],
  ['201', 'Allerød', 'Region Hovedstaden'],
  ['210', 'Fredensborg', 'Region Hovedstaden'],
  ['217', 'Helsingør', 'Region Hovedstaden'],
  ['219', 'Hillerød', 'Region Hovedstaden'],
  ['223', 'Hørsholm', 'Region Hovedstaden'],
  ['230', 'Rudersdal', 'Region Hovedstaden'],
  ['240', 'Egedal', 'Region Hovedstaden'],
  ['250', 'Frederikssund', 'Region Hovedstaden'],
  ['253', 'Greve', 'Region Sjælland'],
  ['259', 'Køge', 'Region Sjælland'],
  ['260', 'Halsnæs', 'Region Hovedstaden'],
  ['265', 'Roskilde', 'Region Sjælland'],
  ['269', 'Solrød', 'Region Sjælland'],
  ['270', 'Gribskov', 'Region Hovedstaden'],
  ['306', 'Odsherred', 'Region Sjælland'],
  ['316', 'Holbæk', 'Region Sjælland'],
  ['320', 'Faxe', 'Region Sjælland'],
  ['326', 'Kalundborg', 'Region Sjælland'],
  ['329', 'Ringsted', 'Region Sjælland'],
  ['330', 'Slagelse', 'Region Sjælland'],
  ['336', 'Stevns', 'Region Sjælland'],
  ['340', 'Sorø', 'Region Sjælland'],
  ['350', 'Lejre', 'Region Sjælland'],
  ['360', 'Lolland', 'Region Sjælland'],
  ['370', 'Næstved', 'Region Sjælland'],
  ['376', 'Guldborgsund', 'Region Sjælland'],
  ['390', 'Vordingborg', 'Region Sjælland'],
  ['400', 'Bornholm', 'Region Hovedstaden'],
  ['410', 'Middelfart', 'Region Syddanmark'],
  ['420', 'Assens', 'Region Syddanmark'],
  ['430', 'Faaborg-Midtfyn', 'Region Syddanmark'],
  ['440', 'Kerteminde', 'Region Syddanmark'],
  ['450', 'Nyborg', 'Region Syddanmark'],
  ['461', 'Odense', 'Region Syddanmark'],
  ['479', 'Svendborg', 'Region Syddanmark'],
  ['480', 'Nordfyns', 'Region Syddanmark'],
  ['482', 'Langeland', 'Region Syddanmark'],
  ['492', 'Ærø', 'Region Syddanmark'],
  ['510', 'Haderslev', 'Region Syddanmark'],
  ['530', 'Billund', 'Region Syddanmark'],
  ['540', 'Sønderborg', 'Region Syddanmark'],
  ['550', 'Tønder', 'Region Syddanmark'],
  ['561', 'Esbjerg', 'Region Syddanmark'],
  ['563', 'Fanø', 'Region Syddanmark'],
  ['573', 'Varde', 'Region Syddanmark'],
  ['575', 'Vejen', 'Region Syddanmark'],
  ['580', 'Aabenraa', 'Region Syddanmark'],
  ['607', 'Fredericia', 'Region Syddanmark'],
  ['615', 'Horsens', 'Region Midtjylland'],
  ['621', 'Kolding', 'Region Syddanmark'],
  ['630', 'Vejle', 'Region Syddanmark'],
  ['657', 'Herning', 'Region Midtjylland'],
  ['661', 'Holstebro', 'Region Midtjylland'],
  ['665', 'Lemvig', 'Region Midtjylland'],
  ['671', 'Struer', 'Region Midtjylland'],
  ['706', 'Syddjurs', 'Region Midtjylland'],
  ['707', 'Norddjurs', 'Region Midtjylland'],
  ['710', 'Favrskov', 'Region Midtjylland'],
  ['727', 'Odder', 'Region Midtjylland'],
  ['730', 'Randers', 'Region Midtjylland'],
  ['740', 'Silkeborg', 'Region Midtjylland'],
  ['741', 'Samsø', 'Region Midtjylland'],
  ['746', 'Skanderborg', 'Region Midtjylland'],
  ['751', 'Aarhus', 'Region Midtjylland'],
  ['756', 'Ikast-Brande', 'Region Midtjylland'],
  ['760', 'Ringkøbing-Skjern', 'Region Midtjylland'],
  ['766', 'Hedensted', 'Region Midtjylland'],
  ['773', 'Morsø', 'Region Nordjylland'],
  ['779', 'Skive', 'Region Midtjylland'],
  ['787', 'Thisted', 'Region Nordjylland'],
  ['791', 'Viborg', 'Region Midtjylland'],
  ['810', 'Brønderslev', 'Region Nordjylland'],
  ['813', 'Frederikshavn', 'Region Nordjylland'],
  ['820', 'Vesthimmerlands', 'Region Nordjylland'],
  ['825', 'Læsø', 'Region Nordjylland'],
  ['840', 'Rebild', 'Region Nordjylland'],
  ['846', 'Mariagerfjord', 'Region Nordjylland'],
  ['849', 'Jammerbugt', 'Region Nordjylland'],
  ['851', 'Aalborg', 'Region Nordjylland'],
  ['860', 'Hjørring', 'Region Nordjylland'],
];

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(
  TABLE.map(([code, name, region]) => Object.freeze({ code, name, region })),
);

const BY_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

/** Areas in DST tables that are not municipalities: they are skipped, never billed. */
const AGGREGATE_CODES = new Map<string, string>([
  ['000', 'Hele landet'],
  ['081', 'Region Nordjylland'],
  ['082', 'Region Midtjylland'],
  ['083', 'Region Syddanmark'],
  ['084', 'Region Hovedstaden'],
  ['085', 'Region Sjælland'],
  ['411', 'Christiansø'],
]);

const AGGREGATE_NAMES = [
  'Hele landet',
  'Landet i alt',
  'All Denmark',
  'Denmark',
  'Danmark',
  'Christiansø',
  'Uden for Danmark',
  'Outside Denmark',
  'Uoplyst kommune',
  'Unknown municipality',
  'Capital Region of Denmark',
  'Region Zealand',
  'Region of Southern Denmark',
  'Central Denmark Region',
  'North Denmark Region',
];

/** English and historical names that folding alone does not reach. */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['Copenhagen', '101'],
  ['Brønderslev-Dronninglund', '810'],
];

/**
 * The key a name is compared by: lower case, æ/ø/å folded to ae/oe/aa (so Århus = Aarhus, Tårnby = Taarnby),
 * hyphens and runs of spaces as one space, and "Kommune"/"Regionskommune" dropped.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    // (written as escapes: æ ä, ø ö, å, and the hyphens and dashes - ‐ ‑ – —, so that the bundle is ASCII)
    .replace(/\u00e6|\u00e4/g, 'ae')
    .replace(/\u00f8|\u00f6/g, 'oe')
    .replace(/\u00e5/g, 'aa')
    .replace(/[-\u2010\u2011\u2013\u2014_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (regions)?kommune$/, '')
    .replace(/^kommune /, '');
}

const BY_KEY = new Map<string, Municipality>();
for (const m of MUNICIPALITIES) BY_KEY.set(nameKey(m.name), m);
for (const [alias, code] of ALIASES) BY_KEY.set(nameKey(alias), BY_CODE.get(code)!);
const AGGREGATE_KEYS = new Map<string, string>();
for (const name of AGGREGATE_NAMES) AGGREGATE_KEYS.set(nameKey(name), name);
for (const name of AGGREGATE_CODES.values()) AGGREGATE_KEYS.set(nameKey(name), name);

export type AreaMatch =
  | { readonly kind: 'municipality'; readonly municipality: Municipality }
  | { readonly kind: 'aggregate'; readonly label: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly suggestions: readonly Municipality[] };

function byName(key: string): Municipality | undefined {
  // Genitive forms ("Københavns Kommune", "Bornholms Regionskommune") and DST's own genitives ("Nordfyns")
  // written without the s ("Nordfyn").
  return BY_KEY.get(key) ?? (key.endsWith('s') ? BY_KEY.get(key.slice(0, -1)) : undefined) ?? BY_KEY.get(`${key}s`);
}

function byCode(digits: string): AreaMatch {
  // DAWA writes codes with four digits ("0101").
  const code = digits.length === 4 && digits.startsWith('0') ? digits.slice(1) : digits;
  const municipality = BY_CODE.get(code);
  if (municipality) return { kind: 'municipality', municipality };
  const aggregate = AGGREGATE_CODES.get(code);
  if (aggregate) return { kind: 'aggregate', label: aggregate };
  return { kind: 'unknown', reason: `${digits} is not a municipality code`, suggestions: [] };
}

function isAggregateName(key: string): string | undefined {
  const known = AGGREGATE_KEYS.get(key);
  if (known) return known;
  if (/^(region|landsdel|province)\b/.test(key)) return key;
  return undefined;
}

/**
 * Recognises an area as DST and municipalities write it: "101", "0101", "København", "101 København",
 * "Københavns Kommune", " Århus". Aggregates (Hele landet, regions, Christiansø, …) are recognised as such.
 */
export function matchArea(text: string): AreaMatch {
  const trimmed = text.trim();
  if (/^\d{3,4}$/.test(trimmed)) return byCode(trimmed);
  const codeAndLabel = /^(\d{3,4})\s+(\S.*)$/.exec(trimmed);
  if (codeAndLabel) {
    const match = byCode(codeAndLabel[1]!);
    if (match.kind !== 'municipality') return match;
    const named = byName(nameKey(codeAndLabel[2]!));
    if (named && named.code !== match.municipality.code) {
      return {
        kind: 'unknown',
        reason: `code ${codeAndLabel[1]} is ${match.municipality.name}, but the name says ${named.name} (${named.code})`,
        suggestions: [match.municipality, named],
      };
    }
    return match;
  }
  const key = nameKey(trimmed);
  const municipality = byName(key);
  if (municipality) return { kind: 'municipality', municipality };
  const aggregate = isAggregateName(key);
  if (aggregate) return { kind: 'aggregate', label: trimmed };
  return { kind: 'unknown', reason: `"${trimmed}" is not a Danish municipality`, suggestions: nearestMunicipalities(trimmed) };
}

export function municipalityByCode(code: string): Municipality | undefined {
  return BY_CODE.get(code);
}

/** Up to three municipalities whose names are nearest to the text (for "did you mean"). */
export function nearestMunicipalities(text: string, limit = 3): Municipality[] {
  const key = nameKey(text);
  if (key === '') return [];
  const scored = MUNICIPALITIES.map((m) => {
    const candidate = nameKey(m.name);
    const distance = candidate.startsWith(key) || key.startsWith(candidate) ? 1 : editDistance(key, candidate);
    return { m, distance };
  });
  const tolerance = Math.max(2, Math.floor(key.length / 3));
  return scored
    .filter((s) => s.distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || a.m.name.localeCompare(b.m.name, 'da'))
    .slice(0, limit)
    .map((s) => s.m);
}

/** Orders by DST code: a plain comparison of three-digit codes (localeCompare would start ICU's collator). */
export function compareByCode(a: { readonly municipality: Municipality }, b: { readonly municipality: Municipality }): number {
  return a.municipality.code < b.municipality.code ? -1 : a.municipality.code > b.municipality.code ? 1 : 0;
}

/** "Odense (461)" */
export function describeMunicipality(m: Municipality): string {
  return `${m.name} (${m.code})`;
}
