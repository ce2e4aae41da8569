// What a command gets from the outside world; tests hand in their own.

import type { CalendarDate } from '../engine/dates.js';

/** Where data goes: stdout, or in tests anything that collects text. */
export interface Output {
  /** Text (written as UTF-8), or the bytes of a file that is not text (a PDF, a workbook). */
  write(data: string | Uint8Array): unknown;
  /** The file descriptor written to, where it is one (the process's stdout: 1); a collector in a test has none. */
  readonly fd?: number;
}

export interface CommandContext {
  readonly cwd: string;
  readonly stdout: Output;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** The clock, for when something happens (a fetch's time, a lock's): always the real one. */
  readonly now: () => Date;
  /**
   * Today, for what flis decides by the day: the current year by default, the issue date by default, the date
   * a report is made, whether a population file is stale. FLIS_TODAY=YYYY-MM-DD sets it (tests, re-running a
   * past day); otherwise the local date of the clock.
   */
  readonly today: () => CalendarDate;
  readonly version: string;
}
