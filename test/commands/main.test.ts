import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { COMMANDS, buildProgram } from '../../src/cli.js';
import { UsageError } from '../../src/errors.js';
import { directStdout, main } from '../../src/main.js';

const ROOT = resolve(import.meta.dirname, '../..');

function context(overrides: Partial<CommandContext> & { writeStdout?: (text: string) => void } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    cwd: ROOT,
    stdout: { write: overrides.writeStdout ?? ((text: string) => out.push(text)) } as unknown as NodeJS.WritableStream,
    stderr: { write: (text: string) => err.push(text), isTTY: false } as unknown as NodeJS.WriteStream,
    env: {},
    now: () => new Date(2024, 2, 1, 12),
    today: () => ({ year: 2024, month: 3, day: 1 }),
    version: '0.0.0-test',
    ...overrides,
  };
  return { ctx, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('main', () => {
  it('bills the current year when --year is not given, and says so', async () => {
    const { ctx, stdout, stderr } = context();
    expect(await main(['invoice', '--period', 'H1', '--json'], ctx)).toBe(0);
    expect(JSON.parse(stdout()).year).toBe(2024);
    expect(stderr()).toBe('flis: no --year given: billing 2024, the current year\n');
  });

  it('a bug is exit 3 with a plain message, and no stack trace unless FLIS_DEBUG=1', async () => {
    const failing = () => {
      throw new Error('stdout exploded');
    };
    const quiet = context({ writeStdout: failing });
    expect(await main(['invoice', '--period', 'H1', '--year', '2024', '--json'], quiet.ctx)).toBe(3);
    expect(quiet.stderr()).toMatch(/^flis: internal error: stdout exploded\n  This is a bug in flis, not a problem with your data\./);
    expect(quiet.stderr()).not.toMatch(/\n\s+at /);

    const debug = context({ writeStdout: failing, env: { FLIS_DEBUG: '1' } });
    expect(await main(['invoice', '--period', 'H1', '--year', '2024', '--json'], debug.ctx)).toBe(3);
    expect(debug.stderr()).toMatch(/\n\s+at /);
  });
});

describe('an option that takes a value, given twice', () => {
  /** Every option of every command that takes a value, as the program declares them. */
  const valued = COMMANDS.flatMap((name) => {
    const command = buildProgram(context().ctx, () => undefined, name).commands.find((c) => c.name() === name)!;
    return command.options.filter((o) => o.required || o.optional).map((o) => ({ name, option: o.long! }));
  });
  const argument: Partial<Record<(typeof COMMANDS)[number], string>> = { einvoice: 'no/such/folder', fetch: 'population' };

  it('is found in every command (but verify, whose only option is the flag --json, and completion, which has none)', () => {
    expect(new Set(valued.map((v) => v.name))).toEqual(new Set(COMMANDS.filter((name) => name !== 'verify' && name !== 'completion')));
    expect(valued.length).toBeGreaterThan(40);
  });

  it.each(valued)('flis $name $option A $option B: exit 2, naming the option and both values, before anything runs', async ({ name, option }) => {
    // In an empty folder: were the option taken, nothing of the repository's is read or written.
    const { ctx, stdout, stderr } = context({ cwd: mkdtempSync(join(tmpdir(), 'flis-test-')), env: { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1' } });
    const args = [name, ...(argument[name] ? [argument[name]!] : []), option, 'first', `${option}=second`];
    expect(await main(args, ctx)).toBe(2);
    expect(stderr()).toBe(`flis: error: ${option} is given twice (first, second): give it once\n`);
    expect(stdout()).toBe('');
  });

  it('a flag given twice is the same as once', async () => {
    const { ctx, stdout } = context();
    expect(await main(['invoice', '--period', 'H1', '--year', '2024', '--json', '--json', '--quiet', '--quiet'], ctx)).toBe(0);
    expect(JSON.parse(stdout()).run).toBe('H1');
  });
});

describe('stdout, written straight to its descriptor', () => {
  /** A descriptor that takes `room` bytes per write, then says it would block (EAGAIN) or is closed (EPIPE), once. */
  function parts(options: { room: number; failAt: number; code: string }) {
    const written: string[] = [];
    const streamed: string[] = [];
    const closed: string[] = [];
    let calls = 0;
    return {
      written,
      streamed,
      closed,
      parts: {
        writeSync: (_fd: number, bytes: Uint8Array, offset: number) => {
          if (calls++ === options.failAt) throw Object.assign(new Error(options.code), { code: options.code });
          const end = Math.min(bytes.length, offset + options.room);
          written.push(Buffer.from(bytes.subarray(offset, end)).toString());
          return end - offset;
        },
        stream: () => {
          const stream = { write: (bytes: Uint8Array) => streamed.push(Buffer.from(bytes).toString()), on: () => stream };
          return stream as unknown as NodeJS.WritableStream;
        },
        onClosed: (error: NodeJS.ErrnoException) => closed.push(error.code ?? ''),
      },
    };
  }

  it('writes everything, in pieces as the descriptor takes them', () => {
    const t = parts({ room: 4, failAt: -1, code: '' });
    directStdout(t.parts).write('FLIS-fakturaer\n');
    expect(t.written.join('')).toBe('FLIS-fakturaer\n');
    expect(t.written.length).toBeGreaterThan(1);
    expect(t.streamed).toEqual([]);
  });

  it('where it would block (EAGAIN), the rest and all after it go through the stream, in order, nothing lost', () => {
    const t = parts({ room: 4, failAt: 2, code: 'EAGAIN' });
    const out = directStdout(t.parts);
    out.write('abcdefghijkl');
    out.write('mno');
    expect(t.written.join('')).toBe('abcdefgh');
    expect(t.streamed).toEqual(['ijkl', 'mno']);
  });

  it('a reader that has gone (EPIPE) is told to the one who ends flis quietly; any other error is a usage error (exit 2)', () => {
    const gone = parts({ room: 100, failAt: 0, code: 'EPIPE' });
    expect(() => directStdout(gone.parts).write('x')).toThrow('EPIPE');
    expect(gone.closed).toEqual(['EPIPE']);
    const broken = parts({ room: 100, failAt: 0, code: 'EIO' });
    const thrown = (write: () => void): unknown => {
      try {
        write();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(thrown(() => directStdout(broken.parts).write('x'))).toMatchObject({ exitCode: 2, message: 'cannot write to stdout: EIO' });
    const full = parts({ room: 4, failAt: 1, code: 'ENOSPC' });
    expect(thrown(() => directStdout(full.parts).write('FLIS-fakturaer\n'))).toBeInstanceOf(UsageError);
    expect(thrown(() => directStdout(parts({ room: 4, failAt: 1, code: 'ENOSPC' }).parts).write('FLIS-fakturaer\n'))).toMatchObject({ message: 'cannot write to stdout: the disk is full' });
    expect(full.closed).toEqual([]);
  });
});
