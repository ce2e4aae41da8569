// flis einvoice DIR: the e-invoices of the documents issued in a run folder without them (folders issued before
// flis wrote e-invoices, or issued without --einvoice). Every issued file is checked first; no issued file is
// changed. Each issue's e-invoices carry the issue date the manifest recorded for it, or else --issue-date
// (default: today), which is then recorded. E-invoices already issued in the format asked for are checked to
// come out the same; in another format, refused: a document is sent once, in one format.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FORMAT_NAMES } from '../documents/einvoice-formats.js';
import { EXIT_INPUT, FlisError, UsageError } from '../errors.js';
import { displayPath, inputPath, configOf, readRosterFile, requireInput } from '../inputs.js';
import { inputRecords } from '../issued.js';
import { type IssueEntry, MANIFEST_FILE, eInvoicesOf, issueDateOf, issueName } from '../ledger/manifest.js';
import { createUi } from '../ui.js';
import { EINVOICE_FOLDER, changedEInvoices, commit, missingEInvoices } from '../writers/run-folder.js';
import { readRunFolder } from '../writers/run-folder-read.js';
import type { CommandContext } from './context.js';
import { eInvoiceRequest } from './einvoice-render.js';
import { eInvoicesWritten, holdFolder } from './invoice-out.js';
import { eInvoiceFormat, parseIssueDate, requireSeller } from './issue-options.js';
import { countOf, listOf } from './problems.js';

export interface EInvoiceOptions {
  readonly einvoice?: string;
  readonly issueDate?: string;
  readonly roster?: string;
  readonly config?: string;
  readonly dryRun?: boolean;
  readonly quiet?: boolean;
}

export async function einvoiceCommand(dir: string, options: EInvoiceOptions, context: CommandContext): Promise<number> {
  const ui = await createUi({ quiet: options.quiet, stderr: () => context.stderr, env: context.env });
  const config = await configOf(options.config, context, ui);
  const format = eInvoiceFormat(options.einvoice, config);
  if (!format) throw new UsageError('no e-invoice format: give --einvoice oioubl or --einvoice peppol', 'Or name one in the config ("einvoice": "oioubl").');
  const folder = resolve(context.cwd, dir);
  const shown = displayPath(folder, context.cwd);
  if (!existsSync(folder)) throw new UsageError(`the run folder ${shown} does not exist`, 'Give the --out folder of flis invoice.');
  if (!statSync(folder).isDirectory()) throw new UsageError(`${shown} is a file, not a run folder`, 'Give the --out folder of flis invoice.');
  const seller = requireSeller(config, ui);
  const rosterPath = requireInput('roster', inputPath('roster', options.roster, config, context.cwd));
  const roster = await readRosterFile(rosterPath);
  for (const notice of roster.notices) ui.warn(notice);

  const release = options.dryRun ? async () => undefined : await holdFolder(folder, context, ui);
  try {
    const { manifest, documents } = await readRunFolder(folder, shown, { requireManifest: true });
    const issues = manifest.entries.filter((e): e is IssueEntry => e.kind === undefined);
    if (issues.length === 0) throw new FlisError(`${shown} has no issued documents: its ${MANIFEST_FILE} lists no issue`, EXIT_INPUT);
    const undated = issues.filter((i) => !eInvoicesOf(manifest, i) && !issueDateOf(manifest, i));
    const issueDate = parseIssueDate(options.issueDate, (undated.length > 0 ? undated : issues).map((i) => i.year), context.today);

    const request = eInvoiceRequest({
      format,
      seller,
      roster: { file: roster.file, path: rosterPath, connections: roster.connections },
      inputs: await inputRecords({ roster: rosterPath, config: config.path }),
    });
    const changed = changedEInvoices(folder, manifest, documents, request);
    if (changed.length > 0) {
      throw new FlisError(
        `${countOf(changed.length, 'e-invoice')} issued in ${shown} would come out differently now (${listOf(changed, 3)}): ` +
          'the seller in the config, a reference in the roster or flis has changed since they were issued',
        EXIT_INPUT,
        'An issued e-invoice is never rewritten: the one in the folder is the one sent. Nothing was written.',
      );
    }
    const missing = missingEInvoices(folder, manifest, issues, documents, request, { date: issueDate, given: options.issueDate !== undefined }, context.version);
    const show = (path: string) => displayPath(path, context.cwd);
    if (missing.files.length === 0) {
      ui.info(`flis: every document in ${shown} has its e-invoice (${FORMAT_NAMES[format]}), unchanged`);
    } else if (options.dryRun) {
      for (const entry of missing.entries) ui.info(`flis: --dry-run: would write ${countOf(entry.documents, 'e-invoice')} (${FORMAT_NAMES[format]}) for ${issueName(entry)}, dated ${entry.issue_date}`);
    } else {
      const { files, leftovers } = await commit(folder, manifest, missing.entries, missing.files);
      for (const leftover of leftovers) ui.warn(`replaced ${show(leftover)}, left by a run that did not finish (it was never issued)`);
      for (const entry of missing.entries) ui.info(`flis: ${issueName(entry)}: ${countOf(entry.documents, 'document')}, dated ${entry.issue_date}`);
      ui.info(`flis: wrote ${eInvoicesWritten(files, format)} in ${show(resolve(folder, EINVOICE_FOLDER))}`);
    }
    return 0;
  } finally {
    await release();
  }
}
