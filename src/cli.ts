// Every command and flag of flis, in one place. Commands are imported only when they run.

import { Argument, Command, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import { UsageError } from './errors.js';

/**
 * The values an option or argument takes where they are a fixed set, for `flis completion`, which reads them from
 * the program. The commands' own parsers check the values (commander's choices() would refuse `--period h1`,
 * which flis takes, in a message of its own); test/commands/completion.test.ts holds each set equal to what its
 * parser takes. Written out here, not imported: the program is built at every start.
 */
export const COMPLETION_VALUES = new WeakMap<Option | Argument, readonly string[]>();

function oneOf<T extends Option | Argument>(item: T, values: readonly string[]): T {
  COMPLETION_VALUES.set(item, values);
  return item;
}

const RUN_VALUES = ['H1', 'H2', 'DEC'] as const;
const LANG_VALUES = ['da', 'en'] as const;
const DIALECT_VALUES = ['default', 'excel-da'] as const;
const EINVOICE_VALUES = ['oioubl', 'peppol'] as const;
const EXIT_FORMAT_VALUES = ['text', 'md', 'csv', 'json', 'html', 'pdf', 'xlsx'] as const;
const REVENUE_FORMAT_VALUES = ['text', 'md', 'csv', 'json', 'html', 'xlsx'] as const;
const BY_VALUES = ['year', 'kommune'] as const;
const FETCH_VALUES = ['population', 'projection'] as const;
const SHELL_VALUES = ['bash', 'zsh'] as const;

const dialect = (): Option => oneOf(new Option('--dialect <dialect>', 'with --format csv: for machines (default) or for Danish Excel (excel-da)'), DIALECT_VALUES);

/** The inputs every billing command reads, and --quiet. */
function withInputs(command: Command): Command {
  return command
    .option('--population <file>', 'Statistics Denmark population file (FOLK1A/FOLK1AM CSV or statbank export)')
    .option('--roster <file>', 'roster of connected municipalities (CSV)')
    .option('--tariff <file>', 'tariff overrides (JSON); default: the built-in FLIS 2024–2033 tariff')
    .option('--config <file>', 'config naming the default inputs (default: $FLIS_CONFIG, else flis.config.json here or in the nearest folder above)')
    .option('--quiet', 'print nothing on stderr but errors')
    .addOption(oneOf(new Option('--lang <lang>', LANG_HELP), LANG_VALUES));
}

const LANG_HELP = 'the language of the documents\' words: da (Danish) or en (English); default: the config\'s "lang", else da';

/**
 * Every option that takes a value, in every command, may be given once: commander would silently keep the last
 * of `--period H1 --period H2`. A flag without a value (`--json`) given twice is the same as once.
 */
function refuseRepeats(command: Command): void {
  for (const option of command.options) {
    if (!(option.required || option.optional) || option.variadic) continue;
    const parse = option.parseArg;
    option.argParser((value: string, previous: unknown) => {
      if (previous !== undefined && previous !== option.defaultValue) {
        throw new UsageError(`${option.long ?? option.short} is given twice (${String(previous)}, ${value}): give it once`);
      }
      return parse ? parse(value, previous) : value;
    });
  }
  for (const sub of command.commands) refuseRepeats(sub);
}

/**
 * What each exit code means, in the same words in every command's help (and in the README's table and docs/reference.md); a command's
 * help lists those it can end with, and says when, where that is particular to it.
 */
const EXIT_CODE_MEANING = {
  0: 'done',
  1: 'bad input data',
  2: 'bad usage',
  3: 'internal error, a bug in flis (FLIS_DEBUG=1 adds the stack trace)',
  4: 'not yet published by Statistics Denmark',
  5: 'Statistics Denmark unreachable',
} as const;
type ExitCode = keyof typeof EXIT_CODE_MEANING;

/** A line of help broken at spaces to at most 100 columns, its continuation indented under the text after the code. */
function wrap(line: string, width = 100): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const at = rest.lastIndexOf(' ', width);
    if (at <= 5) break;
    out.push(rest.slice(0, at));
    rest = `     ${rest.slice(at + 1)}`;
  }
  return [...out, rest].join('\n');
}

/**
 * The end of a command's --help: two or three examples (test/e2e/help.test.ts runs each of them) and the exit
 * codes it can end with, each with its meaning, and for some, when.
 */
function helpEnd(command: Command, examples: readonly string[], codes: Partial<Record<ExitCode, string>>): Command {
  const lines = (Object.keys(codes) as unknown as ExitCode[]).map((code) => wrap(`  ${code}  ${EXIT_CODE_MEANING[code]}${codes[code] ? `: ${codes[code]}` : ''}`));
  return command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n\nExit codes:\n${lines.join('\n')}`);
}

/** The commands, in the order help lists them. */
export const COMMANDS = ['invoice', 'exit', 'revenue', 'einvoice', 'verify', 'fetch', 'check', 'completion'] as const;

/**
 * The program; with `only`, the one command being run is declared and no other (a start costs less). Help of
 * the program, and a command flis does not know, need them all: `only` is then left out.
 */
export function buildProgram(context: CommandContext, setExitCode: (code: number) => void, only?: (typeof COMMANDS)[number]): Command {
  const wanted = (name: (typeof COMMANDS)[number]) => only === undefined || only === name;
  const program = new Command('flis')
    .description("Billing for FLIS, the municipalities' shared management-information system (KOMBIT)")
    .version(context.version, '-V, --version')
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: () => undefined, // main.ts reports usage errors in flis's own format
    })
    .exitOverride();

  if (wanted('invoice')) {
    const command = withInputs(
      program
        .command('invoice')
        .description('Invoice a run (H1 in February, H2 in September, DEC at year end) for every connected municipality')
        .addOption(oneOf(new Option('--period <run>', 'the run: H1, H2 or DEC'), RUN_VALUES))
        .option('--year <yyyy>', 'the billing year (default: the current year)'),
    )
      .option('--out <dir>', 'write invoices-YEAR-RUN.csv and summary-YEAR-RUN.txt to this folder')
      .option('--json', 'print one JSON document on stdout instead of the table')
      .option('--dry-run', 'compute and print, but write no files')
      .option('--supersede', 'when the run was issued before and has changed: credit notes and new invoices for what changed')
      .option('--xlsx', 'with --out: a workbook of the documents issued (invoices-YEAR-RUN.xlsx, corrections-YEAR-RUN-K.xlsx) beside their CSV')
      .addOption(oneOf(new Option('--dialect <dialect>', 'CSV for machines (default) or for Danish Excel (excel-da)'), DIALECT_VALUES))
      .addOption(oneOf(new Option('--einvoice <format>', 'with --out: an e-invoice per document, oioubl (OIOUBL 2.1) or peppol (Peppol BIS 3.0); none for none'), [...EINVOICE_VALUES, 'none']))
      .option('--issue-date <date>', 'with --out: the day the documents are issued, YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY (default: today)')
      .option('--fetch', "use the population of the year fetched from Statistics Denmark (flis fetch population), fetching it first if it is not saved yet")
      .option('--timeout <seconds>', 'with --fetch: give up fetching after this many seconds (default: 60)')
      .exitOverride()
      .action(async (options) => {
        const { invoiceCommand } = await import('./commands/invoice.js');
        setExitCode(await invoiceCommand(options, context));
      });
    helpEnd(
      command,
      [
        'flis invoice --period H1 --year 2024',
        'flis invoice --period H1 --year 2024 --out runs/2024 --einvoice oioubl --issue-date 2024-02-12',
        'flis invoice --period H2 --fetch --out runs --quiet',
      ],
      {
        0: 'also a run already issued, unchanged',
        1: 'a bad input file, or a run that differs from the one issued (without --supersede); nothing was written',
        2: 'an unknown option or value, a missing input, a file that cannot be read or written, a run folder another flis is writing',
        3: '',
        4: 'with --fetch; try again later (cron: the next day)',
        5: 'with --fetch; nothing was written',
      },
    );
  }

  if (wanted('exit')) {
    const command = withInputs(
      program
        .command('exit')
        .description('What leaving FLIS costs a municipality (udtræden): the settlement from the exit date to the end of 2033')
        .option('--kommune <name>', 'the municipality: DST code (461) or name (Odense)')
        .option('--all', 'every connected municipality, one line each, with the total (needs --date)')
        .option('--date <date>', "the exit date: the first day no longer connected, YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY (default: the roster's exit_date)"),
    )
      .option('--forecast <file>', "DST's municipal projection (FRKM CSV) for years DST has not published")
      .option('--invoices <dir>', 'the --out folder of earlier invoice runs: list issued invoices to credit')
      .addOption(oneOf(new Option('--format <format>', 'text (default), md, csv or json; html or pdf: the settlement as a dated letter to the municipality (--kommune); xlsx: a workbook (to --out, a file or a pipe)'), EXIT_FORMAT_VALUES))
      .option('--json', 'the same as --format json')
      .option('--out <file>', 'write the report to this file instead of stdout')
      .addOption(dialect())
      .exitOverride()
      .action(async (options) => {
        const { exitCommand } = await import('./commands/exit.js');
        setExitCode(await exitCommand(options, context));
      });
    helpEnd(
      command,
      [
        'flis exit --kommune Odense --date 2027-01-01',
        'flis exit --kommune 461 --date 2027-01-01 --invoices runs/2024 --format md --out odense-exit.md',
        'flis exit --all --date 2027-01-01 --format csv --out exit-2027.csv',
      ],
      {
        0: '',
        1: 'a bad input file, a municipality not on the roster, a run folder (--invoices) that is not sound',
        2: 'an unknown option or value, a missing input or date, a report file that exists with other content',
        3: '',
      },
    );
  }

  if (wanted('revenue')) {
    const command = withInputs(
      program
        .command('revenue')
        .description("The project's income per year to the end of the agreement (Generelle vilkår pkt. 5): invoice runs and exit settlements")
        .option('--from <yyyy>', 'the first year (default: the agreement\'s first, 2024)')
        .option('--to <yyyy>', 'the last year (default: the agreement\'s last, 2033)')
        .addOption(oneOf(new Option('--by <what>', 'year (default), or kommune: a line per municipality and year'), BY_VALUES)),
    )
      .option('--forecast <file>', "DST's municipal projection (FRKM CSV) for years DST has not published")
      .option('--invoices <dir>', 'a run folder: the runs issued in it count as issued, with their invoices in force')
      .option('--budget <file>', 'the costs the income must cover (CSV year;amount): adds the difference per year and accumulated')
      .option('--solve-price-from <date>', 'with --budget: the highest price per citizen, to the øre, from this day on, at which the income does not exceed the costs (§5)')
      .option('--write-tariff <file>', 'with --solve-price-from: write the tariff with that price from that day to this new file')
      .addOption(oneOf(new Option('--format <format>', 'text (default), md, csv, json, html (one self-contained page with a chart) or xlsx (a workbook: to --out, a file or a pipe)'), REVENUE_FORMAT_VALUES))
      .option('--json', 'the same as --format json')
      .option('--out <file>', 'write the report to this file instead of stdout')
      .addOption(dialect())
      .exitOverride()
      .action(async (options) => {
        const { revenueCommand } = await import('./commands/revenue.js');
        setExitCode(await revenueCommand(options, context));
      });
    helpEnd(
      command,
      [
        'flis revenue',
        'flis revenue --forecast forecast.csv --budget budget.csv --format html --out revenue.html',
        'flis revenue --invoices runs/2024 --to 2024 --format csv --dialect excel-da --out revenue-2024.csv',
      ],
      {
        0: '',
        1: 'a bad input file, a connected municipality without a figure, a run folder (--invoices) that is not sound',
        2: 'an unknown option or value, a missing input, a report file that exists with other content',
        3: '',
      },
    );
  }

  if (wanted('einvoice')) {
    const command = program
      .command('einvoice')
      .description('Write the e-invoices of the documents issued in a run folder without them (never changes an issued file)')
      .argument('<dir>', 'the run folder (the --out folder of flis invoice)')
      .addOption(oneOf(new Option('--einvoice <format>', 'oioubl (OIOUBL 2.1) or peppol (Peppol BIS 3.0); default: the config\'s "einvoice"'), EINVOICE_VALUES))
      .option('--issue-date <date>', 'for documents whose issue date the run folder did not record, YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY (default: today)')
      .option('--roster <file>', 'roster with each municipality\'s reference (CSV); default: from the config')
      .option('--config <file>', 'config with the seller (default: $FLIS_CONFIG, else flis.config.json here or in the nearest folder above)')
      .option('--dry-run', 'say what would be written, write nothing')
      .option('--quiet', 'print nothing on stderr but errors')
      .exitOverride()
      .action(async (dir: string, options) => {
        const { einvoiceCommand } = await import('./commands/einvoice.js');
        setExitCode(await einvoiceCommand(dir, options, context));
      });
    helpEnd(
      command,
      [
        'flis einvoice runs/2024 --einvoice oioubl --dry-run',
        'flis einvoice runs/2024 --einvoice oioubl',
      ],
      {
        0: 'also e-invoices already issued, unchanged',
        1: 'a run folder that is not sound, a municipality without an EAN, reference or address, e-invoices that would differ from those issued or are in the other format',
        2: 'no format, an --issue-date other than the one recorded, a folder that is not a run folder, a bad config',
        3: '',
      },
    );
  }

  if (wanted('verify')) {
    const command = program
      .command('verify')
      .description('Check a run folder as an auditor would: every issued file, the chain of corrections, the totals and the e-invoices (exit 1 if not sound)')
      .argument('<dir>', 'the run folder (the --out folder of flis invoice)')
      .option('--json', 'print the result as one JSON document')
      .exitOverride()
      .action(async (dir: string, options) => {
        const { verifyCommand } = await import('./commands/verify.js');
        setExitCode(await verifyCommand(dir, options, context));
      });
    helpEnd(
      command,
      [
        'flis verify runs/2024',
        'flis verify runs/2024 --json',
      ],
      {
        0: 'the run folder is sound',
        1: 'the run folder is not sound (every problem is listed), or holds invoice files but no manifest',
        2: 'DIR does not exist, is a file, or is not a run folder',
        3: '',
      },
    );
  }

  if (wanted('fetch')) {
    const command = program
      .command('fetch')
      .description("Fetch from Statistics Denmark's StatBank API and save with its provenance: population (FOLK1A on 1 January) or projection")
      .addArgument(oneOf(new Argument('<what>', 'population, or projection'), FETCH_VALUES))
      .option('--year <yyyy>', 'population: the year whose 1 January figures are fetched (default: the current year)')
      .option('--table <table>', 'population: FOLK1A (default, quarterly) or FOLK1AM (monthly); projection: FRKM1YY (default: the newest)')
      .option('--out <file>', 'save to this file (default: the config\'s statbank folder, data/, and the table\'s name: data/FOLK1A-2025K1.csv, data/FRKM126.csv)')
      .option('--timeout <seconds>', 'give up after this many seconds in all, retries included (default: 60)')
      .option('--config <file>', 'config with the statbank folder and table (default: $FLIS_CONFIG, else flis.config.json here or in the nearest folder above)')
      .option('--quiet', 'print nothing on stderr but errors')
      .exitOverride()
      .action(async (what: string, options) => {
        const { fetchCommand } = await import('./commands/fetch.js');
        setExitCode(await fetchCommand(what, options, context));
      });
    helpEnd(
      command,
      [
        'flis fetch population --year 2025',
        'flis fetch projection',
        'flis fetch population --year 2025 --table FOLK1AM --timeout 120',
      ],
      {
        0: 'saved, or saved before with the same bytes (unchanged)',
        1: 'the answer is a table, but a municipality has no figure or the reader refuses it',
        2: 'a bad option, a year before the table begins, a file saved earlier with other figures, a file that cannot be written',
        3: '',
        4: 'try again later (cron: the next day)',
        5: 'no network, a timeout, HTTP errors after retries, an answer that is not the CSV asked for',
      },
    );
  }

  if (wanted('check')) {
    const command = withInputs(
      program
        .command('check')
        .description('Read every input and report every problem at once (exit 1 if any), and what looks suspicious')
        .option('--year <yyyy>', 'the billing year to check the inputs for (default: the current year)'),
    )
      .option('--forecast <file>', "DST's municipal projection (FRKM CSV), if one is used")
      .exitOverride()
      .action(async (options) => {
        const { checkCommand } = await import('./commands/check.js');
        setExitCode(await checkCommand(options, context));
      });
    helpEnd(
      command,
      [
        'flis check --year 2024',
        'flis check --year 2026 --roster roster.csv --population data/FOLK1A-2026K1.csv',
        'flis check --year 2024 --lang en',
      ],
      {
        0: 'no problems (warnings, if any, on stderr)',
        1: 'problems found, every one listed',
        2: 'an unknown option or value, a missing input, a bad config',
        3: '',
      },
    );
  }

  if (wanted('completion')) {
    const command = program
      .command('completion')
      .description('Print a completion script for bash or zsh (its commands, options and their values): source <(flis completion bash)')
      .addArgument(oneOf(new Argument('<shell>', 'bash or zsh'), SHELL_VALUES))
      .exitOverride()
      .action(async (shell: string) => {
        const { completionCommand } = await import('./commands/completion.js');
        // Every command, whichever one this program was built for.
        setExitCode(completionCommand(shell, buildProgram(context, () => undefined), context));
      });
    helpEnd(
      command,
      [
        'source <(flis completion bash)',
        'flis completion bash > ~/.local/share/bash-completion/completions/flis',
        'flis completion zsh > "${fpath[1]}/_flis"',
      ],
      {
        0: '',
        2: 'a shell other than bash or zsh',
        3: '',
      },
    );
  }

  const codes = (Object.keys(EXIT_CODE_MEANING) as unknown as ExitCode[]).map((code) => `  ${code}  ${EXIT_CODE_MEANING[code]}`);
  program.addHelpText('after', `\nEach command's help (flis <command> --help) ends with examples and the exit codes it can end with.\n\nExit codes:\n${codes.join('\n')}`);
  refuseRepeats(program);
  return program;
}
