// Errors that flis expects, each with its exit code. Anything else that is thrown is a bug (exit 3).

import { isAbsolute, relative } from 'node:path';

/** How a path is shown in messages: relative to the working folder when inside it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
/** DST has not published what was asked for yet: try again later (cron: the next day). */
export const EXIT_NOT_PUBLISHED = 4;
/** DST could not be reached, or answered with an error or something else than what was asked for. */
export const EXIT_UNAVAILABLE = 5;

export class FlisError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line was wrong: an unknown option, a malformed value, a missing input. Exit 2. */
export class UsageError extends FlisError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_USAGE, hint);
  }
}

/** What was asked of Statistics Denmark is not published yet. Exit 4: cron can try again the next day. */
export class NotPublishedError extends FlisError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_NOT_PUBLISHED, hint);
  }
}

/** Statistics Denmark could not be reached or did not answer as asked (network, timeout, HTTP error). Exit 5. */
export class UnavailableError extends FlisError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_UNAVAILABLE, hint);
  }
}

/** One thing wrong with an input file, where it is and what to do about it. */
export interface InputProblem {
  readonly file: string;
  /** 1-based; absent for a problem with the file as a whole. */
  readonly line?: number;
  /** 1-based field number within the line, where known. */
  readonly column?: number;
  /** The offending line as it stands in the file. */
  readonly excerpt?: string;
  /** The text to mark under the excerpt, where known. */
  readonly culprit?: string;
  readonly message: string;
  readonly hint?: string;
}

/** Bad input data: one or more problems, all reported at once. Exit 1. */
export class InputError extends FlisError {
  readonly problems: readonly InputProblem[];

  constructor(problems: InputProblem | readonly InputProblem[], exitCode: number = EXIT_INPUT) {
    const list = Array.isArray(problems) ? (problems as readonly InputProblem[]) : [problems as InputProblem];
    if (list.length === 0) throw new RangeError('an InputError needs at least one problem');
    super(list.length === 1 ? list[0]!.message : `${list.length} problems in the input`, exitCode);
    this.problems = list;
  }
}

/** A problem in flis's own configuration file: it is how flis was invoked, so exit 2. */
export class ConfigError extends InputError {
  constructor(problems: InputProblem | readonly InputProblem[]) {
    super(problems, EXIT_USAGE);
  }
}

/** Past this many problems an input is not worth reading further: they are reported, and no more. */
export const MAX_PROBLEMS = 200;

/** Collects the problems of one input so that all are reported together (up to MAX_PROBLEMS). */
export class ProblemList {
  private readonly items: InputProblem[] = [];

  constructor(private readonly limit = MAX_PROBLEMS) {}

  add(problem: InputProblem): void {
    if (this.items.length < this.limit) this.items.push(problem);
  }

  get size(): number {
    return this.items.length;
  }

  /** Whether no more problems are kept. */
  get full(): boolean {
    return this.items.length >= this.limit;
  }

  get list(): readonly InputProblem[] {
    return this.items;
  }

  /** Throws an InputError with everything collected, if anything was. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new InputError(this.items);
  }
}
