// Where the inputs come from (flags, then flis.config.json) and reading them from disk: the file I/O in front
// of the readers, which only ever see bytes or text.

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type EInvoiceFormat, EINVOICE_FORMATS } from './documents/einvoice-formats.js';
import type { Seller } from './documents/parties.js';
import { ConfigError, InputError, type InputProblem, UsageError, displayPath } from './errors.js';
import { POPULATION_TABLES, type PopulationTableId } from './fetch/tables.js';
import type { Tariff } from './engine/tariff.js';
import { FLIS_2024_2033 } from './engine/tariff.js';
import { keyProblem, parseJsonObject } from './readers/json.js';
import { type PopulationRead, readPopulation } from './readers/dst-population.js';
import { type RosterRead, readRoster } from './readers/roster.js';
import { readSeller } from './readers/seller.js';
import { readTariff } from './readers/tariff.js';
import { inOneChunk } from './readers/text.js';
import { type Lang, LANGS, isLang } from './texts/texts.js';

export const CONFIG_FILE = 'flis.config.json';
const PATH_KEYS = ['population', 'roster', 'tariff'] as const;
const CONFIG_KEYS = [...PATH_KEYS, 'einvoice', 'seller', 'statbank', 'lang'] as const;
/** The value of "population" that means: the file `flis fetch population` saves for the year. */
export const STATBANK = 'statbank';
/** Where fetched files are saved when the config does not say: this folder beside the config (or in the working folder). */
export const DEFAULT_DATA_FOLDER = 'data';
type InputName = (typeof PATH_KEYS)[number];

export type InputPaths = Partial<Record<InputName, string>>;

export interface Config {
  /** The config file used, if any, as shown to the user. */
  readonly file?: string;
  /** Its absolute path. */
  readonly path?: string;
  /** Where it came from: --config, FLIS_CONFIG, the working folder, or a folder above it. */
  readonly origin?: ConfigOrigin;
  /** Without a config: the last folder searched for one. */
  readonly searchedUpTo?: string;
  /** Absolute paths named by the config. */
  readonly paths: InputPaths;
  /** The e-invoice format runs with --out write by default ("einvoice"), if any. */
  readonly einvoice?: EInvoiceFormat | 'none';
  /** The seller of the e-invoices ("seller"), if the config names one. */
  readonly seller?: Seller;
  /** "population": "statbank": invoice fetches the population it needs from DST (as --fetch does). */
  readonly populationFromStatbank?: boolean;
  /** Where `flis fetch` saves files and which table it asks, as the config's "statbank" says. */
  readonly statbank?: { readonly folder?: string; readonly table?: PopulationTableId };
  /** The documents' language ("lang"), if the config says. */
  readonly lang?: Lang;
}

/** The folder fetched files are saved in and the population table asked for, defaults filled in. */
export function statbankSettings(config: Config, cwd: string): { folder: string; table: PopulationTableId } {
  const base = config.path === undefined ? cwd : dirname(config.path);
  return { folder: config.statbank?.folder ?? resolve(base, DEFAULT_DATA_FOLDER), table: config.statbank?.table ?? 'FOLK1A' };
}

function readStatbankConfig(file: string, text: string, value: unknown, dir: string, problems: InputProblem[]): Config['statbank'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(keyProblem(file, text, 'statbank', '"statbank" must be an object, e.g. {"folder": "data", "table": "FOLK1A"}'));
    return undefined;
  }
  let folder: string | undefined;
  let table: PopulationTableId | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'folder' && typeof item === 'string' && item.trim() !== '') folder = resolve(dir, item);
    else if (key === 'table' && typeof item === 'string' && (POPULATION_TABLES as readonly string[]).includes(item.trim().toUpperCase())) {
      table = item.trim().toUpperCase() as PopulationTableId;
    } else if (key === 'folder') problems.push(keyProblem(file, text, ['statbank', key], '"folder" must be a folder path'));
    else if (key === 'table') problems.push(keyProblem(file, text, ['statbank', key], `"table" must be ${POPULATION_TABLES.join(' or ')}, not ${JSON.stringify(item)}`));
    else problems.push(keyProblem(file, text, ['statbank', key], `unknown key "${key}" in "statbank"`, 'Its keys are folder and table.'));
  }
  return { ...(folder ? { folder } : {}), ...(table ? { table } : {}) };
}

export { displayPath } from './errors.js';

/** Files up to this size are read in one piece; larger ones are streamed, so memory stays bounded either way. */
const WHOLE_FILE_LIMIT = 8 * 1024 * 1024;

/** The file's size, or a usage error saying why it cannot be read. */
function assertReadableFile(path: string, what: string): number {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new UsageError(`the ${what} ${displayPath(path)} is a folder, not a file`, `Give the ${what} itself.`);
    if (!info.isFile()) throw new UsageError(`the ${what} ${displayPath(path)} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `the ${what} ${displayPath(path)} does not exist` : `cannot read the ${what} ${displayPath(path)}: ${(error as Error).message}`,
      'Check the path (relative paths are taken from the folder you run flis in, or from the config file).',
    );
  }
}

/** A settings file (config, tariff) is a few hundred bytes; one larger than this is not one, and is not read. */
const SETTINGS_FILE_LIMIT = 1024 * 1024;

/** The text of a small settings file, refused unread when it is far larger than such a file can be. */
function readSmallText(path: string, what: string): string {
  const size = assertReadableFile(path, what);
  if (size > SETTINGS_FILE_LIMIT) {
    throw new UsageError(`the ${what} ${displayPath(path)} is ${(size / 1024 / 1024).toFixed(1)} MB: a ${what} is a few hundred bytes, so this is not one`, `Check the path given for the ${what}.`);
  }
  return readFileSync(path, 'utf8');
}

/** Where the config in force came from. */
export type ConfigOrigin = 'flag' | 'env' | 'here' | 'parent';

/** Where no config was found: the last folder looked in (the root, the home folder or a repository's top). */
export interface NoConfig {
  readonly searchedUpTo: string;
}

/**
 * flis.config.json in the working folder or the nearest folder above it, as git finds its repository. The search
 * stops after the home folder (a config above it is not the user's own), after the top of a git repository (a
 * folder with .git: a config above a repository belongs to something else) and at the root.
 */
function findConfig(cwd: string, env: NodeJS.ProcessEnv): { path: string; origin: 'here' | 'parent' } | NoConfig {
  const home = env.HOME ? resolve(env.HOME) : homedir();
  let folder = resolve(cwd);
  for (;;) {
    const path = join(folder, CONFIG_FILE);
    if (existsSync(path)) return { path, origin: folder === resolve(cwd) ? 'here' : 'parent' };
    const above = dirname(folder);
    if (folder === home || above === folder || existsSync(join(folder, '.git'))) return { searchedUpTo: folder };
    folder = above;
  }
}

/**
 * A config found above the working folder that belongs to neither the user nor root is refused: whoever owns
 * that folder (/tmp/flis.config.json, say) could otherwise choose the inputs of another user's billing, as git
 * refuses a repository of another owner. Given with --config or FLIS_CONFIG, it is the user's choice.
 */
function refuseForeignConfig(path: string): void {
  const uid = process.getuid?.();
  if (uid === undefined) return;
  const owner = statSync(path).uid;
  if (owner === uid || owner === 0) return;
  throw new UsageError(
    `${path}, found above the working folder, belongs to another user (uid ${owner}): flis does not take a config someone else could have put there`,
    'Give it with --config (or FLIS_CONFIG) if you mean to use it; or run flis in a folder of your own.',
  );
}

/** The config to read, if any: --config, else FLIS_CONFIG (when not empty), else the one found (findConfig). */
function configToRead(configFlag: string | undefined, cwd: string, env: NodeJS.ProcessEnv): { path: string; origin: ConfigOrigin } | NoConfig {
  if (configFlag !== undefined) return { path: resolve(cwd, configFlag), origin: 'flag' };
  if (env.FLIS_CONFIG) return { path: resolve(cwd, env.FLIS_CONFIG), origin: 'env' };
  const found = findConfig(cwd, env);
  if ('path' in found && found.origin === 'parent') refuseForeignConfig(found.path);
  return found;
}

/** Where the config in force came from, for a line on stderr: "flis: config: …". */
export function configSource(config: Config, cwd: string): string {
  if (config.file === undefined) {
    const upTo = config.searchedUpTo ?? cwd;
    return `flis: no config: no --config, no FLIS_CONFIG, and no ${CONFIG_FILE} in the working folder${upTo === resolve(cwd) ? '' : ` or above it up to ${upTo}`}`;
  }
  const origins: Record<ConfigOrigin, string> = {
    flag: 'given with --config',
    env: 'named by FLIS_CONFIG',
    here: 'in the working folder',
    parent: 'found in a folder above the working folder',
  };
  return `flis: config: ${config.file} (${origins[config.origin ?? 'flag']})`;
}

/**
 * Reads the config: --config FILE, else the file FLIS_CONFIG names, else flis.config.json in the working folder
 * or the nearest folder above it (see findConfig). A path in it is taken from the config's own folder.
 */
export async function loadConfig(configFlag: string | undefined, cwd: string, env: NodeJS.ProcessEnv): Promise<Config> {
  const chosen = configToRead(configFlag, cwd, env);
  if (!('path' in chosen)) return { paths: {}, searchedUpTo: chosen.searchedUpTo };
  const { path, origin } = chosen;
  const file = displayPath(path, cwd);
  const text = readSmallText(path, origin === 'env' ? 'FLIS_CONFIG file' : 'config file');
  let json: Record<string, unknown>;
  try {
    json = parseJsonObject(file, text, 'config file');
  } catch (error) {
    if (error instanceof InputError) throw new ConfigError(error.problems);
    throw error;
  }
  const paths: InputPaths = {};
  const problems: InputProblem[] = [];
  let einvoice: EInvoiceFormat | 'none' | undefined;
  let seller: Seller | undefined;
  let statbank: Config['statbank'];
  let populationFromStatbank = false;
  let lang: Lang | undefined;
  for (const [key, value] of Object.entries(json)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      problems.push(keyProblem(file, text, key, `unknown key "${key}" in the config file`, `The config's keys are ${CONFIG_KEYS.join(', ')}.`));
    } else if (value === null) {
      continue;
    } else if (key === 'seller') {
      try {
        seller = readSeller(file, text, value);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.problems);
      }
    } else if (key === 'statbank') {
      statbank = readStatbankConfig(file, text, value, dirname(path), problems);
    } else if (key === 'population' && typeof value === 'string' && value.trim() === STATBANK) {
      populationFromStatbank = true;
    } else if (key === 'lang') {
      const wanted = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (isLang(wanted)) lang = wanted;
      else problems.push(keyProblem(file, text, key, `"lang" must be ${LANGS.join(' or ')}, not ${JSON.stringify(value)}`, 'da: Danish (the default); en: English.'));
    } else if (key === 'einvoice') {
      const format = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (format === 'none' || (EINVOICE_FORMATS as readonly string[]).includes(format)) einvoice = format as EInvoiceFormat | 'none';
      else problems.push(keyProblem(file, text, key, `"einvoice" must be one of ${EINVOICE_FORMATS.join(', ')} or none, not ${JSON.stringify(value)}`));
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push(keyProblem(file, text, key, `"${key}" must be a file path${key === 'population' ? ` or "${STATBANK}"` : ''}, not ${JSON.stringify(value)}`));
    } else {
      paths[key as InputName] = resolve(dirname(path), value);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    file,
    path,
    origin,
    paths,
    ...(einvoice ? { einvoice } : {}),
    ...(seller ? { seller } : {}),
    ...(statbank ? { statbank } : {}),
    ...(populationFromStatbank ? { populationFromStatbank } : {}),
    ...(lang ? { lang } : {}),
  };
}

/**
 * The config of a command (loadConfig); one found in a folder above the working folder is named on stderr, so
 * that a config picked up from .. surprises no one.
 */
export async function configOf(configFlag: string | undefined, context: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }, ui: { info(message: string): void }): Promise<Config> {
  const config = await loadConfig(configFlag, context.cwd, context.env);
  if (config.origin === 'parent') ui.info(configSource(config, context.cwd));
  return config;
}

/** The input paths in force: a flag wins over the config. */
export function inputPath(name: InputName, flag: string | undefined, config: Config, cwd = process.cwd()): string | undefined {
  return flag !== undefined ? resolve(cwd, flag) : config.paths[name];
}

export function requireInput(name: 'population' | 'roster', path: string | undefined): string {
  if (path !== undefined) return path;
  throw new UsageError(
    `no ${name} file: give --${name} FILE`,
    `Or run flis in a folder (or below one) whose ${CONFIG_FILE} names one (the repository's own names the shipped fixtures).`,
  );
}

/**
 * Reads a file with a reader that takes bytes: in one piece when small (fast to start), streamed when large
 * (memory stays bounded); the reader is given the path as shown to the user.
 */
export async function readFileWith<T>(path: string, what: string, read: (file: string, bytes: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T> {
  const size = assertReadableFile(path, what);
  if (size <= WHOLE_FILE_LIMIT) {
    return read(displayPath(path), inOneChunk(readFileSync(path)));
  }
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    return await read(displayPath(path), stream);
  } finally {
    stream.destroy();
  }
}

export function readPopulationFile(path: string, onProgress?: (lines: number) => void): Promise<PopulationRead> {
  return readFileWith(path, 'population file', (file, bytes) => readPopulation(file, bytes, { onProgress }));
}

/** DST's municipal projection (FRKM): a population file whose sexes are summed. */
export function readForecastFile(path: string): Promise<PopulationRead> {
  return readFileWith(path, 'forecast file', (file, bytes) => readPopulation(file, bytes, { sumSexes: true }));
}

export function readRosterFile(path: string): Promise<RosterRead> {
  return readFileWith(path, 'roster', readRoster);
}

export async function readTariffFile(path: string | undefined): Promise<Tariff> {
  if (path === undefined) return FLIS_2024_2033;
  return readTariff(displayPath(path), readSmallText(path, 'tariff file'));
}
