// A file that is not text (the PDF letter, a workbook) goes to stdout only where stdout is not a terminal: on one it would
// be bytes that mean nothing there, and could upset it. Its own module, loaded by those commands only, so that
// no other command loads node:tty (~20 ms).

import { isatty } from 'node:tty';
import { UsageError } from '../errors.js';
import type { Output } from './context.js';

/** `what`: "the PDF", "the workbook"; `example`: a file name for it, for the hint. */
export function refuseTerminal(stdout: Output, what: string, example = 'letter.pdf'): void {
  if (stdout.fd === undefined || !isatty(stdout.fd)) return;
  throw new UsageError(`${what} is not written to a terminal`, `Give --out FILE (for example --out ${example}), or send stdout to a file or a program (> ${example}).`);
}
