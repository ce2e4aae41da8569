// What a command gets from the outside world; tests hand in their own.

/** Where data goes: stdout, or in tests anything that collects text. */
export interface Output {
  /** Text (UTF-8), or bytes: a workbook (--format xlsx). */
  write(data: string | Uint8Array): unknown;
  /** Whether it is a terminal, which bytes are not written to; asked only before bytes are written. */
  isTerminal?(): boolean;
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
