// Reading the inputs of a billing command from where src/sources.ts says they come from, every problem of every
// input reported together.

import type { CalendarDate } from '../engine/dates.js';
import { InputError, type InputProblem } from '../errors.js';
import type { Tariff } from '../engine/tariff.js';
import { displayPath, readForecastFile, readPopulationFile, readRosterFile, readTariffFile } from '../inputs.js';
import type { PopulationRead } from '../readers/dst-population.js';
import type { RosterRead } from '../readers/roster.js';
import { type Sources, figuresSource } from '../sources.js';
import type { FiguresSource } from '../texts/texts.js';
import type { Ui } from '../ui.js';

export interface InputFiles {
  readonly population: string;
  readonly roster: string;
  readonly tariff?: string;
  /** DST's municipal projection (FRKM), for the years DST has not published. */
  readonly forecast?: string;
}

export interface LoadedInputs {
  readonly population: PopulationRead;
  readonly roster: RosterRead;
  readonly tariff: Tariff;
  /** The tariff file as shown to the user; undefined for the built-in tariff. */
  readonly tariffFile?: string;
  readonly forecast?: PopulationRead;
  /** Where the inputs were read from (absolute paths). */
  readonly files: InputFiles;
  /** Where they come from (sources.ts), and the population's and forecast's sources as the documents name them. */
  readonly sources: Sources;
  readonly populationSource: FiguresSource;
  readonly forecastSource?: FiguresSource;
}

async function collect<T>(problems: InputProblem[], read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/** Reads the inputs; `today` decides whether a fetched population can be called DST's latest (sources.ts). */
export async function loadInputs(sources: Sources, ui: Ui, today: CalendarDate): Promise<LoadedInputs> {
  const files: InputFiles = {
    population: sources.population.path,
    roster: sources.roster.path,
    ...(sources.tariff ? { tariff: sources.tariff.path } : {}),
    ...(sources.forecast ? { forecast: sources.forecast.path } : {}),
  };
  const problems: InputProblem[] = [];
  const tariff = await collect(problems, () => readTariffFile(files.tariff));
  const roster = await collect(problems, () => readRosterFile(files.roster));
  const shown = displayPath(files.population);
  const population = await collect(problems, () =>
    ui.progress(`Reading ${shown}…`, (update) =>
      readPopulationFile(files.population, (lines) => update(`Reading ${shown}… ${lines.toLocaleString('en')} lines`)),
    ),
  );
  const forecastFile = files.forecast;
  const forecast = forecastFile === undefined ? undefined : await collect(problems, () => readForecastFile(forecastFile));
  if (problems.length > 0 || !tariff || !roster || !population || (forecastFile !== undefined && !forecast)) throw new InputError(problems);
  for (const notice of [...roster.notices, ...population.notices]) ui.warn(notice);
  return {
    population,
    roster,
    tariff,
    tariffFile: files.tariff === undefined ? undefined : displayPath(files.tariff),
    ...(forecast ? { forecast } : {}),
    files,
    sources,
    populationSource: figuresSource(sources.population, population, today),
    ...(forecast && sources.forecast ? { forecastSource: figuresSource(sources.forecast, forecast, today, true) } : {}),
  };
}
