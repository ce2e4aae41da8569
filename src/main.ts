// The entry point: runs the command line and turns every error into a message on stderr and an exit code.
// This is the one place that decides exit codes; bin/flis.cjs only sets process.exitCode from it.

import { readFileSync, writeSync } from 'node:fs';
import { CommanderError } from 'commander';
import type { CommandContext, Output } from './commands/context.js';
import { COMMANDS, buildProgram } from './cli.js';
import { type CalendarDate, parseIsoDate } from './engine/dates.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, FlisError, UsageError } from './errors.js';
import type { Painter } from './writers/error-report.js';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The colours of an error on stderr, when stderr wants them (ui.ts decides, from stderr itself and the
 * environment flis was given). chalk's default instance would judge by stdout instead, and its chalkStderr by
 * process.env and process.argv as they were when it loaded: this one is told its level.
 */
async function painter(context: CommandContext): Promise<Painter | undefined> {
  const { colourWanted } = await import('./ui.js');
  if (!colourWanted(context.stderr, context.env)) return undefined;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { error: chalk.red.bold, dim: chalk.dim };
}

function usageFromCommander(error: CommanderError): UsageError {
  const message = error.message.replace(/^error: /, '');
  return new UsageError(message, 'Run flis --help, or flis <command> --help, for usage.');
}

/**
 * stdout or stderr could not be written (a full disk: flis … > /dev/full), other than by a reader that stopped
 * early: what went there is incomplete. Exit 2, as for any output that cannot be written; never a bug.
 */
export function outputFailure(what: 'stdout' | 'stderr', error: NodeJS.ErrnoException): UsageError {
  const why = error.code === 'ENOSPC' ? 'the disk is full' : error.message;
  return new UsageError(`cannot write to ${what}: ${why}`, `What flis wrote to ${what} is incomplete: free some space, or send ${what} to another file, and run the command again.`);
}

/** Set when stdout or stderr failed after the command had gone on: the run ends with exit 2 if it would end with 0. */
let outputFailed = false;

function markOutputFailed(): void {
  outputFailed = true;
  if (!process.exitCode) process.exitCode = EXIT_USAGE;
}

/**
 * An error of the stdout stream (used where the descriptor would block). A reader that stops early (flis invoice
 * | head) is not an error: flis stops quietly with the exit code it has. Any other is said on stderr, and exit 2.
 */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  markOutputFailed();
  process.stderr.write(`flis: error: ${outputFailure('stdout', error).message}\n`);
}

/**
 * An error writing stderr (all of flis's messages go through it): there is nowhere left to say so, and no
 * message is worth more than the run's outcome, but a run that would end with 0 ends with 2. A reader that
 * stopped early (EPIPE) changes nothing.
 */
function onStderrError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') markOutputFailed();
}

/** What directStdout writes with: the descriptor's write, and the stream to fall back on. Tests hand in their own. */
export interface StdoutParts {
  readonly writeSync: (fd: number, bytes: Uint8Array, offset: number) => number;
  readonly stream: () => NodeJS.WritableStream;
  /** Told of a reader that has gone (EPIPE), and of every error of the stream. */
  readonly onClosed: (error: NodeJS.ErrnoException) => void;
}

const PROCESS_STDOUT: StdoutParts = { writeSync, stream: () => process.stdout, onClosed: onStdoutError };

/**
 * The process's stdout, written straight to file descriptor 1: building process.stdout (a stream, and Node's
 * stream modules with it) costs a few milliseconds of every cron run. Where the descriptor would block
 * (EAGAIN: a non-blocking pipe or terminal), the rest of the output, and all after it, goes through the
 * stream, in order. A reader that has gone (EPIPE) ends flis quietly; any other error (a full disk) is a usage
 * error, exit 2: what went to stdout is incomplete.
 */
export function directStdout(parts: StdoutParts = PROCESS_STDOUT): Output {
  let stream: NodeJS.WritableStream | undefined;
  const viaStream = (bytes: Uint8Array): void => {
    if (!stream) {
      stream = parts.stream();
      stream.on('error', parts.onClosed);
    }
    stream.write(bytes);
  };
  return {
    fd: 1,
    write(data: string | Uint8Array): void {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      if (stream) return viaStream(bytes);
      let offset = 0;
      try {
        while (offset < bytes.length) offset += parts.writeSync(1, bytes, offset);
      } catch (caught) {
        const error = caught as NodeJS.ErrnoException;
        if (error.code === 'EAGAIN') return viaStream(bytes.subarray(offset));
        if (error.code !== 'EPIPE') throw outputFailure('stdout', error);
        parts.onClosed(error);
        throw error;
      }
    },
  };
}

/**
 * Today as flis takes it: FLIS_TODAY=YYYY-MM-DD when set and not empty (for tests, and to run again as on a
 * past day), otherwise the local date of the clock. A FLIS_TODAY that is not a real day from 2000 to 2099 is a
 * usage error, raised when today is first asked for (main asks before any command runs).
 */
export function todayFrom(env: NodeJS.ProcessEnv, now: () => Date): () => CalendarDate {
  const given = env.FLIS_TODAY;
  if (given === undefined || given === '') {
    return () => {
      const clock = now();
      return { year: clock.getFullYear(), month: clock.getMonth() + 1, day: clock.getDate() };
    };
  }
  const day = parseIsoDate(given);
  if (!day || day.year < 2000 || day.year > 2099) {
    return () => {
      throw new UsageError(`FLIS_TODAY must be a day from 2000 to 2099 written YYYY-MM-DD, not ${JSON.stringify(given)}`, 'For example FLIS_TODAY=2026-12-01; unset it to take today from the clock.');
    };
  }
  return () => day;
}

export function defaultContext(): CommandContext {
  let stdout: Output | undefined;
  let stderrWatched = false;
  return {
    cwd: process.cwd(),
    // The standard streams are made on first use: a run that writes nothing to stderr never builds it.
    get stdout() {
      stdout ??= directStdout();
      return stdout;
    },
    get stderr() {
      if (!stderrWatched) {
        stderrWatched = true;
        process.stderr.on('error', onStderrError);
      }
      return process.stderr;
    },
    env: process.env,
    now: () => new Date(),
    today: todayFrom(process.env, () => new Date()),
    get version() {
      return packageVersion();
    },
  };
}

export async function main(argv: readonly string[], context: CommandContext = defaultContext()): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    context.today(); // a malformed FLIS_TODAY is refused whatever the command
    const first = argv[0];
    const only = COMMANDS.find((name) => name === first);
    const program = buildProgram(
      context,
      (code) => {
        exitCode = code;
      },
      only,
    );
    if (argv.length === 0) {
      context.stderr.write(program.helpInformation());
      return EXIT_USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (caught) {
    let error = caught;
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK; // --help, --version
      error = usageFromCommander(error);
    }
    if (error instanceof FlisError) {
      const { renderError } = await import('./writers/error-report.js');
      context.stderr.write(renderError(error, await painter(context)));
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    context.stderr.write(
      `flis: internal error: ${detail}\n  This is a bug in flis, not a problem with your data. ` +
        'Run again with FLIS_DEBUG=1 for the details, and report it with the command you ran.\n',
    );
    if (context.env.FLIS_DEBUG === '1' && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}

/** Runs flis as a process: arguments from argv, exit code to process.exitCode. Called by bin/flis.cjs. */
export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2));
  process.exitCode = code === EXIT_OK && outputFailed ? EXIT_USAGE : code;
}
