// What a command gets from the outside world; tests hand in their own.

/** Where data goes: stdout, or in tests anything that collects text. */
export interface Output {
  /** Text (written as UTF-8), or the bytes of a file that is not text (a PDF). */
  write(data: string | Uint8Array): unknown;
  /** The file descriptor written to, where it is one (the process's stdout: 1); a collector in a test has none. */
  readonly fd?: number;
}

export interface CommandContext {
  readonly cwd: string;
  readonly stdout: Output;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** The clock, read only where a default needs it (the current year). */
  readonly now: () => Date;
  readonly version: string;
}
