import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colourWanted, createUi } from '../../src/ui.js';

function terminal(options: { isTTY: boolean; columns?: number }) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  stream.isTTY = options.isTTY;
  stream.columns = options.columns;
  // What ora needs of a tty.WriteStream beyond write().
  Object.assign(stream, {
    cursorTo: (x: number) => stream.write(`\x1b[${x + 1}G`),
    moveCursor: (_: number, dy: number) => stream.write(`\x1b[${Math.abs(dy)}${dy < 0 ? 'A' : 'B'}`),
    clearLine: () => stream.write('\x1b[2K'),
  });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

const work = async (ui: Awaited<ReturnType<typeof createUi>>) =>
  ui.progress('Reading…', async (update) => {
    update('Reading… 100,000 lines');
    await new Promise((r) => setTimeout(r, 120));
    return 42;
  });

describe('progress on stderr', () => {
  it('a spinner on a terminal, cleared when the work is done', async () => {
    const t = terminal({ isTTY: true, columns: 80 });
    expect(await work(await createUi({ stderr: t.stream, env: {} }))).toBe(42);
    expect(t.text()).toMatch(/Reading…/);
    expect(t.text()).toMatch(/\x1b\[/);
  });

  it.each([
    ['not a terminal', { isTTY: false, columns: 80 }, {}, {}],
    ['a terminal without a width (a pty of size 0)', { isTTY: true, columns: 0 }, {}, {}],
    ['CI', { isTTY: true, columns: 80 }, { CI: 'true' }, {}],
    ['NO_COLOR', { isTTY: true, columns: 80 }, { NO_COLOR: '1' }, {}],
    ['--json', { isTTY: true, columns: 80 }, {}, { json: true }],
    ['--quiet', { isTTY: true, columns: 80 }, {}, { quiet: true }],
  ])('none on %s', async (_, tty, env, flags) => {
    const t = terminal(tty);
    expect(await work(await createUi({ stderr: t.stream, env, ...flags }))).toBe(42);
    expect(t.text()).toBe('');
  });

  it('warnings are plain text off a terminal and silent with --quiet', async () => {
    const plain = terminal({ isTTY: false });
    (await createUi({ stderr: plain.stream, env: {} })).warn('look');
    expect(plain.text()).toBe('flis: warning: look\n');
    const quiet = terminal({ isTTY: false });
    (await createUi({ stderr: quiet.stream, env: {}, quiet: true })).warn('look');
    expect(quiet.text()).toBe('');
  });
});

describe('stderr is built only when something is written to it', () => {
  it('a --json run that writes nothing never asks for the stream; a warning does, once', async () => {
    let asked = 0;
    const t = terminal({ isTTY: false });
    const ui = await createUi({ stderr: () => (asked++, t.stream), env: {}, json: true });
    expect(await work(ui)).toBe(42);
    expect(asked).toBe(0);
    ui.warn('look');
    ui.info('and this');
    expect(asked).toBe(1);
    expect(t.text()).toBe('flis: warning: look\nand this\n');
  });

  it('colour (FORCE_COLOR) paints the warning yellow, as chalk would', async () => {
    const t = terminal({ isTTY: false });
    (await createUi({ stderr: t.stream, env: { FORCE_COLOR: '1' } })).warn('look');
    expect(t.text()).toBe('\x1b[33mflis: warning:\x1b[39m look\n');
  });
});

describe('colour follows the stream written to, and the environment', () => {
  const tty = { isTTY: true };
  const file = { isTTY: false };
  it.each([
    ['a terminal', tty, {}, true],
    ['a file or pipe', file, {}, false],
    ['NO_COLOR=1 on a terminal', tty, { NO_COLOR: '1' }, false],
    ['NO_COLOR= (empty: not set, no-color.org) on a terminal', tty, { NO_COLOR: '' }, true],
    ['CI=true on a terminal', tty, { CI: 'true' }, false],
    ['CI=false on a terminal (not a CI)', tty, { CI: 'false' }, true],
    ['CI= (empty) on a terminal', tty, { CI: '' }, true],
    ['TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['FORCE_COLOR=1 on a file', file, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=3 on a file', file, { FORCE_COLOR: '3' }, true],
    ['FORCE_COLOR=true on a file', file, { FORCE_COLOR: 'true' }, true],
    ['FORCE_COLOR= (empty, as chalk reads it: on) on a file', file, { FORCE_COLOR: '' }, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false on a terminal', tty, { FORCE_COLOR: 'false' }, false],
    ['FORCE_COLOR=1 over NO_COLOR=1 and CI', file, { FORCE_COLOR: '1', NO_COLOR: '1', CI: 'true' }, true],
    ['FORCE_COLOR=yes (no meaning: passed over) on a file', file, { FORCE_COLOR: 'yes' }, false],
    ['FORCE_COLOR=yes (no meaning: passed over) on a terminal', tty, { FORCE_COLOR: 'yes' }, true],
  ])('%s: %s', (_, stream, env, wanted) => {
    expect(colourWanted(stream, env)).toBe(wanted);
  });

  it('a spinner is coloured by what stderr is (cyan on a terminal), not by what stdout is; FORCE_COLOR=0 makes it plain', async () => {
    const coloured = terminal({ isTTY: true, columns: 80 });
    await work(await createUi({ stderr: coloured.stream, env: {} }));
    expect(coloured.text()).toMatch(/\x1b\[36m.\x1b\[39m Reading…/);
    const plain = terminal({ isTTY: true, columns: 80 });
    await work(await createUi({ stderr: plain.stream, env: { FORCE_COLOR: '0' } }));
    expect(plain.text()).toMatch(/Reading…/);
    expect(plain.text()).not.toMatch(/\x1b\[3\dm/);
  });

  it('an empty NO_COLOR or CI=false leaves the spinner on a terminal; NO_COLOR=1 and CI=1 take it away', async () => {
    for (const [env, shown] of [
      [{ NO_COLOR: '' }, true],
      [{ CI: 'false' }, true],
      [{ NO_COLOR: '1' }, false],
      [{ CI: '1' }, false],
    ] as const) {
      const t = terminal({ isTTY: true, columns: 80 });
      await work(await createUi({ stderr: t.stream, env }));
      expect(t.text() !== '', JSON.stringify(env)).toBe(shown);
    }
  });
});
