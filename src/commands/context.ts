// What a command gets from the outside world; tests hand in their own.

/** Where data goes: stdout, or in tests anything that collects text. */
export interface Output {
  write(text: string): unknown;
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
