// Population problems found while billing or settling, as input problems a person can act on; the roster's
// lines, to show the line of a problem found after reading it.

import { readFileSync } from 'node:fs';
import { describeMunicipality, municipalityByCode } from '../engine/municipalities.js';
import type { BasisProblem } from '../engine/population-basis.js';
import type { Connection, PopulationTable, SourceRef } from '../engine/types.js';
import { formatDate, isAfter } from '../engine/dates.js';
import type { Tariff } from '../engine/tariff.js';
import type { InputProblem } from '../errors.js';
import { peopleFormat } from '../texts/format.js';

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

function notAvailableProblem(source: SourceRef, who: string, year: number, purpose: string): InputProblem {
  return {
    ...source,
    message: `DST has no figure (..) for ${who} on 1 January ${year}, and it is ${purpose}`,
    hint: 'Use a DST file in which the figure is published; a municipality is never billed on a missing figure.',
  };
}

function zeroProblem(source: SourceRef, who: string, year: number, purpose: string): InputProblem {
  return {
    ...source,
    message: `a population of 0 for ${who} on 1 January ${year}, and it is ${purpose}: no municipality has no citizens`,
    hint: 'DST writes 0 where it keeps a figure back; use a DST file in which the figure is published, or correct the figure. A municipality is never billed on 0.',
  };
}

/**
 * A missing year is reported once for all the municipalities it stops (naming the file and the years it
 * covers); each ".." or 0 once, where it stands. `purpose` completes "…, which are …" (e.g. "billed in this run").
 */
export function basisProblems(problems: readonly BasisProblem[], files: PopulationFiles, purpose: string): InputProblem[] {
  const result: InputProblem[] = [];
  const figuresTold = new Set<string>();
  const missing = new Map<string, { kind: 'no-population' | 'no-forecast'; year: number; who: Set<string> }>();
  for (const problem of problems) {
    const who = describeMunicipality(problem.connection.municipality);
    if (problem.kind === 'population-not-available' || problem.kind === 'population-zero') {
      // A figure carried forward stands for several years (and runs): it is reported once, where it stands.
      const { source, year } = problem.figure;
      const key = `${problem.kind}:${source.file}:${source.line}:${source.column}`;
      if (!figuresTold.has(key)) result.push(problem.kind === 'population-zero' ? zeroProblem(source, who, year, purpose) : notAvailableProblem(source, who, year, purpose));
      figuresTold.add(key);
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

/**
 * A move of a municipality's population of more than this many per cent from one 1 January to the next is
 * warned of. DST's real moves from 2022 to 2026 lie between -2.6 % (Fanø, 2025) and +5.2 % (Brøndby, 2024;
 * Glostrup +5.1 %, 2025), so 10 % is about twice the largest real move and no real figure trips it; what it is
 * there to catch moves far more: a sub-group read as the whole (a sex is about half, an age band less), a digit
 * dropped or doubled, the figure of another municipality, a figure DST kept back.
 */
export const JUMP_PERCENT = 10;

/** Counts in the operator's messages, which are English. */
const countForPeople = peopleFormat('en').count;

/**
 * A move of more than JUMP_PERCENT from the 1 January before, for the municipalities given (only into `year`
 * where one is given): a warning at the later figure's line, naming both figures and their lines.
 */
export function populationJumps(table: PopulationTable, codes: ReadonlySet<string>, year?: number): InputProblem[] {
  const warnings: InputProblem[] = [];
  for (const code of [...codes].sort()) {
    const years = table.get(code);
    if (!years) continue;
    for (const [y, figure] of [...years].sort((a, b) => a[0] - b[0])) {
      if (year !== undefined && y !== year) continue;
      const before = years.get(y - 1);
      if (figure.count === null || !before || before.count === null || before.count === 0) continue;
      const change = figure.count - before.count;
      if (Math.abs(change) * 100 <= JUMP_PERCENT * before.count) continue;
      const percent = ((change / before.count) * 100).toFixed(1);
      const where = before.source.file === figure.source.file ? `line ${before.source.line}` : `${before.source.file}:${before.source.line}`;
      warnings.push({
        file: figure.source.file,
        line: figure.source.line,
        message:
          `${describeMunicipality(municipalityByCode(code)!)}: ${countForPeople(figure.count)} on 1 January ${y}, ` +
          `${change > 0 ? '+' : ''}${percent} % from ${countForPeople(before.count)} on 1 January ${y - 1} (${where})`,
        hint: `A change of more than ${JUMP_PERCENT} % in a year is unusual (real ones stay within about 5 %): check that both figures are the municipality's whole population.`,
      });
    }
  }
  return warnings;
}

/** Roster dates after the agreement ends: nothing is billed then, so a typo there (2042 for 2024) bills nothing. */
export function rosterDateWarnings(connections: readonly Connection[], tariff: Tariff): InputProblem[] {
  const warnings: InputProblem[] = [];
  for (const c of connections) {
    for (const [column, date] of [['available_from', c.availableFrom], ['pilot_start', c.pilotStart], ['exit_date', c.exitDate]] as const) {
      if (date && isAfter(date, tariff.agreementEnd)) {
        warnings.push({
          ...c.source,
          message: `${describeMunicipality(c.municipality)}: ${column} ${formatDate(date)} is after the agreement ends (${formatDate(tariff.agreementEnd)})`,
          hint: 'Nothing is billed after the agreement ends; check the date.',
        });
      }
    }
  }
  return warnings;
}
