// Every command and flag of flis, in one place. Commands are imported only when they run.

import { Command, Option } from 'commander';
import type { CommandContext } from './commands/context.js';

export function buildProgram(context: CommandContext, setExitCode: (code: number) => void): Command {
  const program = new Command('flis')
    .description("Billing for FLIS, the municipalities' shared management-information system (KOMBIT)")
    .version(context.version, '-V, --version')
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: () => undefined, // main.ts reports usage errors in flis's own format
    })
    .exitOverride();

  program
    .command('invoice')
    .description('Invoice a run (H1 in February, H2 in September, DEC at year end) for every connected municipality')
    .addOption(new Option('--period <run>', 'the run: H1, H2 or DEC'))
    .option('--year <yyyy>', 'the billing year (default: the current year)')
    .option('--population <file>', "Statistics Denmark population file (FOLK1A/FOLK1AM CSV or statbank export)")
    .option('--roster <file>', 'roster of connected municipalities (CSV)')
    .option('--tariff <file>', 'tariff overrides (JSON); default: the built-in FLIS 2024–2033 tariff')
    .option('--config <file>', 'config naming the default inputs (default: ./flis.config.json if present)')
    .option('--out <dir>', 'write invoices-YEAR-RUN.csv and summary-YEAR-RUN.txt to this folder')
    .option('--json', 'print one JSON document on stdout instead of the table')
    .option('--dry-run', 'compute and print, but write no files')
    .option('--quiet', 'print nothing on stderr but errors')
    .exitOverride()
    .action(async (options) => {
      const { invoiceCommand } = await import('./commands/invoice.js');
      setExitCode(await invoiceCommand(options, context));
    });

  return program;
}
