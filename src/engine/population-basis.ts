// Which population figure a year is billed on, when the year may lie beyond what DST has published (§2, §8).

import type { Connection, PopulationFigure, PopulationTable } from './types.js';

export type PopulationSource = 'dst' | 'carried_forward' | 'forecast';

export interface PopulationBasis {
  readonly source: PopulationSource;
  /** The figure used: for a carried-forward year, that of the latest published year. */
  readonly figure: PopulationFigure & { readonly count: number };
}

export type BasisProblem =
  | { readonly kind: 'no-population'; readonly connection: Connection; readonly year: number }
  | { readonly kind: 'population-not-available'; readonly connection: Connection; readonly figure: PopulationFigure }
  | { readonly kind: 'no-forecast'; readonly connection: Connection; readonly year: number };

function usable(figure: PopulationFigure): figure is PopulationFigure & { count: number } {
  return figure.count !== null;
}

/** The latest year DST has published a figure for this municipality (".." included), or undefined. */
export function latestPublishedYear(table: PopulationTable, code: string): number | undefined {
  const years = table.get(code);
  return years && years.size > 0 ? Math.max(...years.keys()) : undefined;
}

/**
 * The population a year is billed on: DST's figure on 1 January of the year where published; for a year after
 * the latest published one, the forecast's figure when a forecast is given, otherwise the latest published
 * figure carried forward. A year missing inside what DST has published is a problem, as is a forecast without
 * the year: neither is filled in silently.
 */
export function populationBasis(
  connection: Connection,
  year: number,
  population: PopulationTable,
  forecast?: PopulationTable,
): PopulationBasis | BasisProblem {
  const code = connection.municipality.code;
  const published = population.get(code)?.get(year);
  if (published) {
    return usable(published) ? { source: 'dst', figure: published } : { kind: 'population-not-available', connection, figure: published };
  }
  const latest = latestPublishedYear(population, code);
  if (latest === undefined || latest > year) return { kind: 'no-population', connection, year };
  if (forecast) {
    const projected = forecast.get(code)?.get(year);
    if (!projected) return { kind: 'no-forecast', connection, year };
    return usable(projected) ? { source: 'forecast', figure: projected } : { kind: 'population-not-available', connection, figure: projected };
  }
  const carried = population.get(code)!.get(latest)!;
  return usable(carried) ? { source: 'carried_forward', figure: carried } : { kind: 'population-not-available', connection, figure: carried };
}

export function isBasisProblem(value: PopulationBasis | BasisProblem): value is BasisProblem {
  return 'kind' in value;
}
