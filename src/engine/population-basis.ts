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
  /** A figure of 0: no municipality has no citizens, and DST writes 0 where it suppresses a figure. */
  | { readonly kind: 'population-zero'; readonly connection: Connection; readonly figure: PopulationFigure }
  | { readonly kind: 'no-forecast'; readonly connection: Connection; readonly year: number };

/** The figure to bill on, or the problem with it: ".." (not published) or 0 (impossible for a municipality). */
export function billableFigure(connection: Connection, figure: PopulationFigure): (PopulationFigure & { readonly count: number }) | BasisProblem {
  if (figure.count === null) return { kind: 'population-not-available', connection, figure };
  if (figure.count === 0) return { kind: 'population-zero', connection, figure };
  return figure as PopulationFigure & { readonly count: number };
}

function basisOf(source: PopulationSource, connection: Connection, figure: PopulationFigure): PopulationBasis | BasisProblem {
  const billable = billableFigure(connection, figure);
  return 'kind' in billable ? billable : { source, figure: billable };
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
  if (published) return basisOf('dst', connection, published);
  const latest = latestPublishedYear(population, code);
  if (latest === undefined || latest > year) return { kind: 'no-population', connection, year };
  if (forecast) {
    const projected = forecast.get(code)?.get(year);
    if (!projected) return { kind: 'no-forecast', connection, year };
    return basisOf('forecast', connection, projected);
  }
  return basisOf('carried_forward', connection, population.get(code)!.get(latest)!);
}

export function isBasisProblem(value: PopulationBasis | BasisProblem): value is BasisProblem {
  return 'kind' in value;
}
