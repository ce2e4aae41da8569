// Messages and progress for people, on stderr. Colour and spinners only on a TTY, and never under CI,
// NO_COLOR, --json or --quiet; FORCE_COLOR forces colour. ora is loaded only when a spinner is shown, and
// stderr itself only when something is written to it.

export interface UiOptions {
  readonly quiet?: boolean;
  readonly json?: boolean;
  /** The stream, or how to get it: a run that writes nothing to stderr never builds process.stderr. */
  readonly stderr?: NodeJS.WriteStream | (() => NodeJS.WriteStream);
  readonly env?: NodeJS.ProcessEnv;
}

export interface Ui {
  /** Progress and results worth a line on stderr; silent with --quiet. */
  info(message: string): void;
  /** Something suspicious or assumed; silent with --quiet. */
  warn(message: string): void;
  /** Runs `work` while showing a spinner (on a TTY); `update` changes its text. */
  progress<T>(text: string, work: (update: (text: string) => void) => Promise<T>): Promise<T>;
}

/** Yellow as chalk writes it (SGR 33 … 39), for the one word a warning paints: no colour library to load for it. */
const yellow = (text: string): string => `\x1b[33m${text}\x1b[39m`;

export function colourWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (force === '0' || force === 'false') return false;
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.CI === undefined && env.TERM !== 'dumb';
}

export async function createUi(options: UiOptions = {}): Promise<Ui> {
  const given = options.stderr;
  let stream: NodeJS.WriteStream | undefined;
  const stderr = (): NodeJS.WriteStream => (stream ??= typeof given === 'function' ? given() : (given ?? process.stderr));
  const env = options.env ?? process.env;
  const quiet = options.quiet ?? false;
  // Decided when first needed, from the environment this Ui was given. A terminal that reports no width (a pty
  // of size 0, as under `script`) gets no spinner: ora would try to clear an unbounded number of wrapped lines
  // and never return.
  const spinners = (): boolean =>
    !quiet &&
    !options.json &&
    env.CI === undefined &&
    env.NO_COLOR === undefined &&
    env.TERM !== 'dumb' &&
    Boolean(stderr().isTTY) &&
    (stderr().columns ?? 0) > 0;
  const write = (text: string): void => {
    if (!quiet) stderr().write(`${text}\n`);
  };
  return {
    info: (message) => write(message),
    warn: (message) => write(`${colourWanted(stderr(), env) ? yellow('flis: warning:') : 'flis: warning:'} ${message}`),
    async progress(text, work) {
      if (!spinners()) return work(() => undefined);
      const { default: ora } = await import('ora');
      // ora would otherwise look at process.env itself and could disagree with the decision made here.
      const spinner = ora({ text, stream: stderr(), discardStdin: false, isEnabled: true }).start();
      try {
        return await work((t) => {
          spinner.text = t;
        });
      } finally {
        spinner.stop();
      }
    },
  };
}
