// flis fetch where DST's side (or what stands in its place) does more than answer: an answer without end, a
// redirect elsewhere, a wait longer than the deadline. Each ends at once with exit 5, and nothing is saved.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, retryAfterMs } from '../../src/fetch/statbank.js';
import { flis, temporaryFolder } from '../e2e/flis.js';
import { onData, replayedStatbank } from './statbank-server.js';

const dst = replayedStatbank();

const fetchIn = (cwd: string, args: readonly string[]) =>
  flis(['fetch', 'population', '--year', '2024', ...args], { cwd, env: { FLIS_STATBANK_URL: dst.url, HTTP_PROXY: undefined, HTTPS_PROXY: undefined, http_proxy: undefined, https_proxy: undefined } });

/** The files under a folder, recursively. */
function filesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(folder, name)).isFile());
}

/** Writes 1 MiB chunks of CSV-looking rows until the client stops reading (at most `limit` of them). */
function endless(response: import('node:http').ServerResponse, limit: number): void {
  const chunk = Buffer.from('Odense;2024K1;209078\r\n'.repeat(Math.ceil((1024 * 1024) / 22)).slice(0, 1024 * 1024));
  let sent = 0;
  const more = (): void => {
    while (sent < limit && !response.destroyed) {
      sent += 1;
      if (!response.write(chunk)) {
        response.once('drain', more);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  response.on('close', () => (sent = limit));
  more();
}

describe('an answer larger than any real one', () => {
  it('600 MB by its Content-Length: exit 5 before it is read, saying how large and what flis reads at most', async () => {
    const cwd = temporaryFolder();
    dst.behave(
      onData((response) => {
        response.writeHead(200, { 'content-type': 'text/csv', 'content-length': 600_000_000 });
        endless(response, 600);
      }),
    );
    const result = await fetchIn(cwd, []);
    expect([result.code, result.stdout]).toEqual([5, '']);
    expect(result.stderr).toContain(`Statistics Denmark's answer is too large: 600,000,000 bytes by its Content-Length, where flis reads at most ${MAX_ANSWER_BYTES.toLocaleString('en')} bytes (64 MB)`);
    expect(result.stderr).not.toMatch(/internal error|Cannot create a string/);
    expect(filesIn(cwd)).toEqual([]);
  }, 60_000);

  it('without a Content-Length: flis stops reading at the limit, exit 5', async () => {
    const cwd = temporaryFolder();
    dst.behave(
      onData((response) => {
        response.writeHead(200, { 'content-type': 'text/csv' });
        endless(response, 600);
      }),
    );
    const result = await fetchIn(cwd, []);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`too large: more than ${MAX_ANSWER_BYTES.toLocaleString('en')} bytes arrived before flis stopped reading`);
    expect(filesIn(cwd)).toEqual([]);
  }, 60_000);
});

describe('a redirect', () => {
  let elsewhere: Server;
  let elsewhereUrl = '';
  let askedElsewhere = 0;
  beforeAll(async () => {
    elsewhere = createServer((_request, response) => {
      askedElsewhere += 1;
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('OMRÅDE;TID;INDHOLD\r\n');
    });
    await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.1', done));
    elsewhereUrl = `http://localhost:${(elsewhere.address() as AddressInfo).port}/v1/data`;
  });
  afterAll(() => new Promise<void>((done) => elsewhere.close(() => done())));

  it.each([307, 302])('to another host (HTTP %i) is not followed: exit 5, naming the host that answered and where it pointed', async (status) => {
    const cwd = temporaryFolder();
    askedElsewhere = 0;
    dst.behave(
      onData((response) => {
        response.writeHead(status, { location: elsewhereUrl });
        response.end();
      }),
    );
    const result = await fetchIn(cwd, []);
    expect(result.code).toBe(5);
    const host = new URL(dst.url).host;
    expect(result.stderr).toContain(`flis: error: ${host} answered with a redirect (HTTP ${status}) to ${elsewhereUrl}; flis asks only the StatBank address and does not follow redirects`);
    expect(askedElsewhere).toBe(0);
    expect(filesIn(cwd)).toEqual([]);
  });
});

describe("a wait DST asks for (Retry-After) that would end after the deadline", () => {
  it.each([
    ['100000', '100000 s'],
    [new Date(Date.now() + 2 * 86_400_000).toUTCString(), ''],
  ])('Retry-After: %s: flis gives up at once, exit 5, naming the wait', async (header, wait) => {
    const cwd = temporaryFolder();
    dst.behave((_request, response) => {
      response.writeHead(429, { 'retry-after': header });
      response.end();
      return true;
    });
    // The deadline is an hour: had flis waited, the test would time out.
    const result = await fetchIn(cwd, ['--timeout', '3600']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`asked flis to slow down (HTTP 429); it asked flis to wait ${wait}`);
    expect(result.stderr).toContain(`(Retry-After: ${header}), which would end after the 3600 s flis may take: flis gave up at once`);
    expect(dst.received.length).toBe(1);
    expect(filesIn(cwd)).toEqual([]);
  }, 30_000);

  it('an HTTP date within the deadline is waited for, and the fetch goes on', async () => {
    const cwd = temporaryFolder();
    dst.behave((_request, response, attempt) => {
      if (attempt > 1) return false;
      response.writeHead(503, { 'retry-after': new Date(Date.now() + 1000).toUTCString() });
      response.end();
      return true;
    });
    const result = await fetchIn(cwd, []);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/server error \(HTTP 503\); trying again in [0-9.]+ s \(attempt 2 of 4\)/);
    expect(filesIn(join(cwd, 'data')).sort()).toEqual(['FOLK1A-2024K1.csv', 'FOLK1A-2024K1.json']);
  }, 30_000);

  it('reads Retry-After as seconds or an HTTP date; anything else is no wait asked for', () => {
    const now = Date.parse('2025-02-10T07:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Mon, 10 Feb 2025 07:02:30 GMT', now)).toBe(150_000);
    expect(retryAfterMs('Mon, 10 Feb 2025 06:00:00 GMT', now)).toBe(0);
    for (const other of [null, '', '-5', '1.5', 'soon', '10 s']) expect(retryAfterMs(other, now), String(other)).toBeUndefined();
  });
});
