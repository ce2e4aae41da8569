// A PDF is not written to a terminal: refuseTerminal judges the descriptor stdout writes to.

import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { refuseTerminal } from '../../src/commands/binary-out.js';
import { UsageError } from '../../src/errors.js';

/** A terminal's descriptor: the master side of a new pseudo-terminal, where the system has them. */
function terminal(): number | undefined {
  try {
    const fd = openSync('/dev/ptmx', 'r+');
    if (isatty(fd)) return fd;
    closeSync(fd);
  } catch {
    // no pseudo-terminals here
  }
  return undefined;
}

const pty = terminal();
if (pty === undefined) console.warn('flis: the test of a PDF refused on a terminal is SKIPPED: /dev/ptmx cannot be opened here');

describe('refuseTerminal', () => {
  it('lets a collector (no descriptor), a file and a pipe be written', () => {
    expect(() => refuseTerminal({ write: () => undefined }, 'the PDF')).not.toThrow();
    const file = openSync('/dev/null', 'w');
    try {
      expect(() => refuseTerminal({ write: () => undefined, fd: file }, 'the PDF')).not.toThrow();
    } finally {
      closeSync(file);
    }
  });

  it.skipIf(pty === undefined)('refuses a terminal, with a usage error (exit 2) that says what to do', () => {
    try {
      expect(() => refuseTerminal({ write: () => undefined, fd: pty! }, 'the PDF')).toThrow(UsageError);
      expect(() => refuseTerminal({ write: () => undefined, fd: pty! }, 'the PDF')).toThrow(/the PDF is not written to a terminal/);
    } finally {
      closeSync(pty!);
    }
  });
});
