// Building engine inputs in tests: connections and population tables from plain values.

import { type CalendarDate, parseIsoDate } from '../src/engine/dates.js';
import { municipalityByCode } from '../src/engine/municipalities.js';
import type { Connection, PopulationFigure, PopulationTable } from '../src/engine/types.js';

export function day(text: string): CalendarDate {
  const parsed = parseIsoDate(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed;
}

export function connection(options: { code?: string; availableFrom?: string; pilotStart?: string; exitDate?: string; ean?: string; line?: number }): Connection {
  const municipality = municipalityByCode(options.code ?? '461');
  if (!municipality) throw new Error(`bad test code ${options.code}`);
  return {
    municipality,
    availableFrom: day(options.availableFrom ?? '2024-01-01'),
    ...(options.pilotStart ? { pilotStart: day(options.pilotStart) } : {}),
    ...(options.exitDate ? { exitDate: day(options.exitDate) } : {}),
    ...(options.ean ? { ean: options.ean } : {}),
    source: { file: 'roster.csv', line: options.line ?? 2 },
  };
}

/** { '461': { 2024: 209078 } } → a population table; null stands for DST's "..". */
export function populationTable(figures: Record<string, Record<number, number | null>>): PopulationTable {
  const table = new Map<string, Map<number, PopulationFigure>>();
  let line = 2;
  for (const [code, byYear] of Object.entries(figures)) {
    const years = new Map<number, PopulationFigure>();
    for (const [year, count] of Object.entries(byYear)) {
      years.set(Number(year), { code, year: Number(year), count, source: { file: 'population.csv', line: line++, column: 3 } });
    }
    table.set(code, years);
  }
  return table;
}
