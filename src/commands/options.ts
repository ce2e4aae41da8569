// Values given on the command line, checked: a malformed one is a usage error (exit 2).

import { type RunId, RUNS, isRunId } from '../engine/runs.js';
import { UsageError } from '../errors.js';
import type { Config } from '../inputs.js';
import { DEFAULT_LANG, type Lang, isLang } from '../texts/texts.js';
import type { Ui } from '../ui.js';
import type { CommandContext } from './context.js';

export function parsePeriod(text: string | undefined): RunId {
  if (text === undefined) throw new UsageError('--period is required', 'Give --period H1 (February), H2 (September) or DEC (year end).');
  const period = text.trim().toUpperCase();
  if (!isRunId(period)) {
    throw new UsageError(`unknown --period "${text}"`, `The runs are ${RUNS.join(', ')}: H1 (February), H2 (September), DEC (year end).`);
  }
  return period;
}

/** A year given as `option` (--year, or revenue's --from and --to). */
export function parseYear(text: string, option = '--year'): number {
  if (!/^\d{4}$/.test(text.trim())) throw new UsageError(`${option} must be a year written with four digits, not "${text}"`, `For example ${option} 2025.`);
  const year = Number(text.trim());
  if (year < 2000 || year > 2099) throw new UsageError(`${option} ${year} is out of range`, 'Give a year from 2000 to 2099.');
  return year;
}

/** --year if given; otherwise the current year, and the command says so ("billing 2025, the current year"). */
export function yearOrCurrent(text: string | undefined, context: CommandContext, ui: Ui, doing: string): number {
  if (text !== undefined) return parseYear(text);
  const year = context.today().year;
  ui.info(`flis: no --year given: ${doing} ${year}, the current year`);
  return year;
}

/** --format (or --json, the same as --format json), one of `formats`; text when neither is given. */
export function parseFormat<F extends string>(options: { readonly format?: string; readonly json?: boolean }, formats: readonly F[]): F {
  const format = options.format?.trim().toLowerCase() ?? (options.json ? 'json' : 'text');
  if (!(formats as readonly string[]).includes(format)) throw new UsageError(`unknown --format "${options.format}"`, `The formats are ${formats.join(', ')}.`);
  if (options.json && format !== 'json') throw new UsageError(`--json and --format ${format} say different things`, 'Give one of them.');
  return format as F;
}

/** The documents' language: --lang, else the config's "lang", else Danish. */
export function parseLang(flag: string | undefined, config: Config): Lang {
  if (flag === undefined) return config.lang ?? DEFAULT_LANG;
  const lang = flag.trim().toLowerCase();
  if (!isLang(lang)) throw new UsageError(`unknown --lang "${flag}"`, 'The languages are da (Danish) and en (English).');
  return lang;
}
