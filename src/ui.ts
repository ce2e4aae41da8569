// Messages and progress for people, on stderr. What is written to a stream is coloured by what that stream is
// (see colourWanted): an error on a terminal is red whatever stdout is. Spinners only on a terminal (with a
// width), and never under CI, NO_COLOR, TERM=dumb, --json or --quiet. ora is loaded only when a spinner is
// shown, and stderr itself only when something is written to it.

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

/** Yellow and cyan as chalk writes them (SGR 33/36 … 39), for a warning's word and a spinner: no colour library to load for them. */
const yellow = (text: string): string => `\x1b[33m${text}\x1b[39m`;
const cyan = (text: string): string => `\x1b[36m${text}\x1b[39m`;

/** An environment variable that is set to something: NO_COLOR= (empty) is not set (no-color.org). */
function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** Run by a CI system: CI set to anything but empty, 0 or false (CI=false says it is not one). */
function underCi(env: NodeJS.ProcessEnv): boolean {
  return isSet(env.CI) && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
}

/**
 * FORCE_COLOR as chalk (supports-color) reads it: empty, true or a level 1–3 (or more) forces colour; 0 or false
 * forbids it; any other value says neither, and is passed over.
 */
function forcedColour(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) > 0 : undefined;
}

/**
 * Whether what is written to `stream` is coloured: as FORCE_COLOR says, if it says; otherwise not under NO_COLOR
 * (set and not empty), not under CI, not on TERM=dumb, and only when the stream is a terminal. Each stream is
 * judged on its own: `flis … > out.csv` in a terminal still has red errors on stderr.
 */
export function colourWanted(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const forced = forcedColour(env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  return !isSet(env.NO_COLOR) && !underCi(env) && env.TERM !== 'dumb' && Boolean(stream.isTTY);
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
    !underCi(env) &&
    !isSet(env.NO_COLOR) &&
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
      // ora would otherwise look at process.env itself and could disagree with the decision made here; and it
      // colours its spinner by what stdout is: its frames are coloured here instead, by what stderr is.
      const spinner = ora({ text, stream: stderr(), discardStdin: false, isEnabled: true, color: false });
      if (colourWanted(stderr(), env)) spinner.spinner = { interval: spinner.interval, frames: spinner.spinner.frames.map(cyan) };
      spinner.start();
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
