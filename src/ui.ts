// Messages and progress for people, on stderr. Colour and spinners only on a TTY, and never under CI,
// NO_COLOR, --json or --quiet; FORCE_COLOR forces colour. chalk and ora are loaded only when they are used.

export interface UiOptions {
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly stderr?: NodeJS.WriteStream;
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

type Paint = (text: string) => string;

export function colourWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (force === '0' || force === 'false') return false;
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.CI === undefined && env.TERM !== 'dumb';
}

export async function createUi(options: UiOptions = {}): Promise<Ui> {
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const quiet = options.quiet ?? false;
  // A terminal that reports no width (a pty of size 0, as under `script`) gets no spinner: ora would try to
  // clear an unbounded number of wrapped lines and never return.
  const spinners =
    !quiet &&
    !options.json &&
    Boolean(stderr.isTTY) &&
    (stderr.columns ?? 0) > 0 &&
    env.CI === undefined &&
    env.NO_COLOR === undefined &&
    env.TERM !== 'dumb';
  let yellow: Paint = (t) => t;
  if (!quiet && colourWanted(stderr, env)) {
    const { default: chalk } = await import('chalk');
    yellow = chalk.yellow;
  }
  const write = (text: string): void => {
    if (!quiet) stderr.write(`${text}\n`);
  };
  return {
    info: (message) => write(message),
    warn: (message) => write(`${yellow('flis: warning:')} ${message}`),
    async progress(text, work) {
      if (!spinners) return work(() => undefined);
      const { default: ora } = await import('ora');
      // The decision is made above, from the environment this Ui was given; ora would otherwise look at
      // process.env itself and could disagree with it.
      const spinner = ora({ text, stream: stderr, discardStdin: false, isEnabled: true }).start();
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
