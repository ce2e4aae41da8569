// The invoices in force in a run folder (flis revenue --invoices, flis exit --invoices), checked to be
// comparable with what is owed: each of a known municipality and run, one in force per municipality and run.

import { resolve } from 'node:path';
import { describeMunicipality, municipalityByCode } from '../engine/municipalities.js';
import { unusableIssued } from '../engine/reconcile.js';
import type { IssuedInvoice } from '../engine/settlement.js';
import { InputError, type InputProblem } from '../errors.js';
import { readIssuedInvoiceFolder } from '../issued.js';

export async function readInForce(folder: string, cwd: string, warn?: (message: string) => void): Promise<IssuedInvoice[]> {
  const issued = await readIssuedInvoiceFolder(resolve(cwd, folder), warn);
  const problems: InputProblem[] = unusableIssued(issued).map((u) => {
    const at = { file: u.invoice.source.file, line: u.invoice.source.line };
    switch (u.kind) {
      case 'not-a-municipality':
        return { ...at, message: `${u.invoice.invoiceNumber}: ${u.invoice.code} is not a municipality code`, hint: 'The invoice file has been changed since flis wrote it.' };
      case 'not-a-run':
        return { ...at, message: `${u.invoice.invoiceNumber}: "${u.invoice.run}" is not a run (H1, H2, DEC)`, hint: 'The invoice file has been changed since flis wrote it.' };
      case 'twice-in-force':
        return {
          ...at,
          message: `${u.invoice.invoiceNumber} and ${u.other.invoiceNumber} (${u.other.source.file}:${u.other.source.line}) are both in force for ${describeMunicipality(municipalityByCode(u.invoice.code)!)} in ${u.invoice.run} ${u.invoice.year}`,
          hint: 'A run has one invoice in force per municipality; the folder has been changed since flis wrote it.',
        };
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  return issued;
}
