// Reading the three inputs of a billing command, every problem of every input reported together.

import { resolve } from 'node:path';
import { InputError, type InputProblem } from '../errors.js';
import type { Tariff } from '../engine/tariff.js';
import { type Config, displayPath, inputPath, readForecastFile, readPopulationFile, readRosterFile, readTariffFile, requireInput } from '../inputs.js';
import type { PopulationRead } from '../readers/dst-population.js';
import type { RosterRead } from '../readers/roster.js';
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
}

/** The input files of a command: each flag wins over the config; population and roster are required. */
export function inputFiles(
  flags: { readonly population?: string; readonly roster?: string; readonly tariff?: string; readonly forecast?: string },
  config: Config,
  cwd: string,
): InputFiles {
  const forecast = flags.forecast === undefined ? undefined : resolve(cwd, flags.forecast);
  return {
    population: requireInput('population', inputPath('population', flags.population, config, cwd)),
    roster: requireInput('roster', inputPath('roster', flags.roster, config, cwd)),
    tariff: inputPath('tariff', flags.tariff, config, cwd),
    ...(forecast ? { forecast } : {}),
  };
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

export async function loadInputs(files: InputFiles, ui: Ui): Promise<LoadedInputs> {
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
  };
}
