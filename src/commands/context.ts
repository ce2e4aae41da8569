// What a command gets from the outside world; tests hand in their own.

export interface CommandContext {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** The clock, read only where a default needs it (the current year). */
  readonly now: () => Date;
  readonly version: string;
}
