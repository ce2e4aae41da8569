// Population problems found while billing or settling, as input problems a person can act on; the roster's
// lines, to show the line of a problem found after reading it.

import { readFileSync } from 'node:fs';
import { describeMunicipality } from '../engine/municipalities.js';
import type { BasisProblem } from '../engine/population-basis.js';
import type { PopulationTable } from '../engine/types.js';
import type { InputProblem } from '../errors.js';

export interface PopulationFiles {
  readonly population: { readonly file: string; readonly figures: PopulationTable };
  readonly forecast?: { readonly file: string; readonly figures: PopulationTable };
}

function yearsCovered(table: PopulationTable): string {
  const years = new Set<number>();
  for (const byYear of table.values()) for (const year of byYear.keys()) years.add(year);
  const sorted = [...years].sort((a, b) => a - b);
  return sorted.length === 0 ? 'no year' : sorted.length === 1 ? `${sorted[0]}` : `${sorted[0]}–${sorted[sorted.length - 1]}`;
}

/** "1 e-invoice", "98 e-invoices": a count in an operator's message, with the noun that takes an s. */
export function countOf(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** "A, B and 3 more": the first `limit` names, then how many more. */
export function listOf(names: readonly string[], limit = 8): string {
  return names.length <= limit ? names.join(', ') : `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}

/**
 * A missing year is reported once for all the municipalities it stops (naming the file and the years it
 * covers); each ".." where it stands. `purpose` completes "…, which are …" (e.g. "billed in this run").
 */
export function basisProblems(problems: readonly BasisProblem[], files: PopulationFiles, purpose: string): InputProblem[] {
  const result: InputProblem[] = [];
  const missing = new Map<string, { kind: 'no-population' | 'no-forecast'; year: number; who: Set<string> }>();
  for (const problem of problems) {
    const who = describeMunicipality(problem.connection.municipality);
    if (problem.kind === 'population-not-available') {
      result.push({
        file: problem.figure.source.file,
        line: problem.figure.source.line,
        column: problem.figure.source.column,
        message: `DST has no figure (..) for ${who} on 1 January ${problem.figure.year}, and it is ${purpose}`,
        hint: 'Use a DST file in which the figure is published; a municipality is never billed on a missing figure.',
      });
      continue;
    }
    const key = `${problem.kind}:${problem.year}`;
    const entry = missing.get(key) ?? { kind: problem.kind, year: problem.year, who: new Set<string>() };
    entry.who.add(who);
    missing.set(key, entry);
  }
  const grouped: InputProblem[] = [];
  for (const { kind, year, who: named } of missing.values()) {
    const who = [...named];
    const subject = who.length === 1 ? `${who[0]}, which is` : `${who.length} connected municipalities (${listOf(who)}), which are`;
    const file = kind === 'no-forecast' && files.forecast ? files.forecast : files.population;
    grouped.push({
      file: file.file,
      message:
        kind === 'no-forecast'
          ? `no projection for 1 January ${year} for ${subject} ${purpose}; the forecast covers ${yearsCovered(file.figures)}`
          : `no population figure on 1 January ${year} for ${subject} ${purpose}; the file has 1 January figures for ${yearsCovered(file.figures)}`,
      hint:
        kind === 'no-forecast'
          ? `Give a forecast (FRKM) that includes ${year}, or leave out --forecast to carry the latest published figure forward.`
          : `Give a DST file that includes ${year}K1 (FOLK1A) or ${year}M01 (FOLK1AM); a municipality is never billed on a missing figure.`,
    });
  }
  return [...grouped, ...result];
}

/** The lines of a roster file (BOM dropped), for showing the roster line of a problem; none if it cannot be read. */
export function rosterLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  } catch {
    return [];
  }
}
