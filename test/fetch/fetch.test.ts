// flis fetch population and flis invoice --fetch, run as a user runs them, against a local server replaying
// Statistics Denmark's answers (FLIS_STATBANK_URL points flis at it): the whole CSV saved byte for byte with
// its provenance and billed to the known total, and every way DST or the network fails, with its exit code.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from '../e2e/flis.js';
import { FIXTURES, csvAnswer, dstError, onData, replayedStatbank, tableinfoText } from './statbank-server.js';

const ROSTER = join(ROOT, 'fixtures/roster/all-98-from-2024-01-01.csv');
// The H1 2024 net total as the invoice table prints it (Danish, the default).
const H1_2024 = '22.016.601,81';

const dst = replayedStatbank();

const fetchIn = (cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}) =>
  flis(['fetch', 'population', ...args], { cwd, env: { FLIS_STATBANK_URL: dst.url, HTTP_PROXY: undefined, HTTPS_PROXY: undefined, http_proxy: undefined, https_proxy: undefined, ...env } });

/** The files under a folder, recursively (none when it does not exist). */
function filesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(folder, name)).isFile());
}

describe('flis fetch population', () => {
  it('saves the CSV byte for byte with its provenance, and that file bills H1 2024 to the known total', async () => {
    const cwd = temporaryFolder();
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.stderr).toContain('saved data/FOLK1A-2024K1.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('data/FOLK1A-2024K1.csv\n');
    const saved = readFileSync(join(cwd, 'data/FOLK1A-2024K1.csv'));
    expect(saved.equals(readFileSync(join(FIXTURES, 'FOLK1A-2024K1.csv')))).toBe(true);

    const provenance = JSON.parse(readFileSync(join(cwd, 'data/FOLK1A-2024K1.json'), 'utf8'));
    expect(provenance).toMatchObject({
      table: 'FOLK1A',
      time: '2024K1',
      url: `${dst.url}/data`,
      http_status: 200,
      bytes: saved.length,
      sha256: createHash('sha256').update(saved).digest('hex'),
      table_updated: '2024-05-10T08:00:00',
      latest_time: '2024K2',
      tableinfo_url: `${dst.url}/tableinfo`,
      request: { table: 'FOLK1A', format: 'CSV', lang: 'da', variables: [{ code: 'OMRÅDE', values: ['*'] }, { code: 'Tid', values: ['2024K1'] }] },
    });
    expect(Date.parse(provenance.fetched_at)).not.toBeNaN();
    expect(dst.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/tableinfo', 'POST /v1/data']);
    expect(dst.received[0]!.headers['content-type']).toBe('application/json');

    const billed = await flis(['invoice', '--period', 'H1', '--year', '2024', '--population', 'data/FOLK1A-2024K1.csv', '--roster', ROSTER], { cwd });
    expect(billed.code).toBe(0);
    expect(billed.stdout).toContain(H1_2024);
  });

  it('leaves a file saved with the same figures as it is, and never overwrites one with other figures', async () => {
    const cwd = temporaryFolder();
    expect((await fetchIn(cwd, ['--year', '2024'])).code).toBe(0);
    const path = join(cwd, 'data/FOLK1A-2024K1.csv');
    const before = statSync(path).mtimeMs;
    const again = await fetchIn(cwd, ['--year', '2024']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already saved with the same figures, unchanged');
    expect(statSync(path).mtimeMs).toBe(before);

    const edited = readFileSync(path, 'utf8').replace('Odense;2024K1;', 'Odense;2024K1;1');
    writeFileSync(path, edited);
    const refused = await fetchIn(cwd, ['--year', '2024']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists with other figures');
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });

  it('saves where --out says, and the config\'s statbank folder otherwise', async () => {
    const cwd = temporaryFolder();
    const out = await fetchIn(cwd, ['--year', '2023', '--out', 'elsewhere/pop.csv']);
    expect(out.code).toBe(0);
    expect(filesIn(join(cwd, 'elsewhere')).sort()).toEqual(['pop.csv', 'pop.json']);

    writeFileSync(join(cwd, 'flis.config.json'), JSON.stringify({ statbank: { folder: 'dst' } }));
    const configured = await fetchIn(cwd, ['--year', '2023']);
    expect(configured.code).toBe(0);
    expect(filesIn(join(cwd, 'dst')).sort()).toEqual(['FOLK1A-2023K1.csv', 'FOLK1A-2023K1.json']);
  });

  it('refuses a config whose statbank key is wrong, at its line (exit 2)', async () => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'flis.config.json'), '{\n  "statbank": {\n    "folder": "data",\n    "tabel": "FOLK1A"\n  }\n}\n');
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('flis.config.json:4: unknown key "tabel" in "statbank"');
    writeFileSync(join(cwd, 'flis.config.json'), JSON.stringify({ statbank: { table: 'FOLK9' } }));
    expect((await fetchIn(cwd, ['--year', '2024'])).stderr).toContain('"table" must be FOLK1A or FOLK1AM, not "FOLK9"');
    expect(dst.received).toEqual([]);
  });

  it('exits 4, writing nothing, when DST has not published the year yet, and says when it usually does', async () => {
    const cwd = temporaryFolder();
    const result = await fetchIn(cwd, ['--year', '2025']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('FOLK1A 2025K1 (the population on 1 January 2025) is not published yet');
    expect(result.stderr).toContain("latest is 2024K2");
    expect(result.stderr).toContain('second week of February');
    expect(filesIn(cwd)).toEqual([]);
    expect(dst.received.map((r) => r.path)).toEqual(['/v1/tableinfo']);
  });

  it('exits 2 for a year before the table begins, and for a bad --year, --timeout, --table or --out', async () => {
    const cwd = temporaryFolder();
    const early = await fetchIn(cwd, ['--year', '2005']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('FOLK1A has no 2005K1');
    for (const args of [['--year', '24'], ['--year', '2024', '--timeout', '0'], ['--year', '2024', '--table', 'FOLK3'], ['--year', '2024', '--out', 'x.json']]) {
      const result = await fetchIn(cwd, args);
      expect(result.code, args.join(' ')).toBe(2);
    }
    const bad = await fetchIn(cwd, ['--year', '2024'], { FLIS_STATBANK_URL: 'ftp://example' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('FLIS_STATBANK_URL must be an http(s) URL');
    expect(filesIn(cwd)).toEqual([]);
  });

  it("exits 5 with DST's own message when DST answers with its JSON error", async () => {
    const cwd = temporaryFolder();
    dst.behave(
      onData((response) => {
        dstError(response, 400, 'Forespørgslen på op mod 14.201.775 celler er over begrænsningen på 1.000.000 celler for denne filtype. Anvend BULK eller andet streaming format i stedet.', 'REQUEST-LIMIT');
      }),
    );
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('Statistics Denmark answered with an error (HTTP 400');
    expect(result.stderr).toContain('over begrænsningen på 1.000.000 celler for denne filtype. Anvend BULK eller andet streaming format i stedet. (REQUEST-LIMIT)');
    expect(filesIn(cwd)).toEqual([]);
  });

  it('retries HTTP 503 with backoff and exits 5 after four attempts; succeeds when DST recovers', async () => {
    const cwd = temporaryFolder();
    dst.behave((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/html' });
      response.end('<html><title>Service Unavailable</title></html>');
      return true;
    });
    const failed = await fetchIn(cwd, ['--year', '2024']);
    expect(failed.code).toBe(5);
    expect(failed.stderr).toContain('server error (HTTP 503), 4 times');
    expect(failed.stderr).toContain('trying again in 0.5 s (attempt 2 of 4)');
    expect(dst.received.length).toBe(4);
    expect(filesIn(cwd)).toEqual([]);

    dst.behave((_request, response, attempt) => {
      if (attempt > 1) return false;
      response.writeHead(503);
      response.end();
      return true;
    });
    const recovered = await fetchIn(cwd, ['--year', '2024']);
    expect(recovered.code).toBe(0);
    expect(filesIn(join(cwd, 'data')).sort()).toEqual(['FOLK1A-2024K1.csv', 'FOLK1A-2024K1.json']);
  });

  it("waits as long as DST's Retry-After says on HTTP 429", async () => {
    const cwd = temporaryFolder();
    dst.behave((_request, response, attempt) => {
      if (attempt > 1) return false;
      response.writeHead(429, { 'retry-after': '1' });
      response.end();
      return true;
    });
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('asked flis to slow down (HTTP 429); trying again in 1 s');
  });

  it('exits 5 when DST does not answer within --timeout, however slow the answer', async () => {
    const cwd = temporaryFolder();
    dst.behave(async (_request, response) => {
      await new Promise((done) => setTimeout(done, 3000));
      response.destroy();
      return true;
    });
    const started = Date.now();
    const result = await fetchIn(cwd, ['--year', '2024', '--timeout', '1']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('did not answer within 1 s');
    expect(Date.now() - started).toBeLessThan(2900);
    expect(filesIn(cwd)).toEqual([]);
  });

  it('exits 5 for a body cut off before its Content-Length, retried, and for one cut off at a row boundary', async () => {
    const cwd = temporaryFolder();
    const csv = readFileSync(join(FIXTURES, 'FOLK1A-2024K1.csv'));
    dst.behave(
      onData((response) => {
        response.writeHead(200, { 'content-type': 'text/csv', 'content-length': csv.length });
        response.write(csv.subarray(0, 1000));
        setTimeout(() => response.destroy(), 20);
      }),
    );
    const cut = await fetchIn(cwd, ['--year', '2024']);
    expect(cut.code).toBe(5);
    expect(cut.stderr).toContain('was cut off before the whole answer arrived, 4 times');
    expect(filesIn(cwd)).toEqual([]);

    // Without a Content-Length, the end of the connection is the end of the body: only the rows can tell.
    const rows = csv.toString('utf8').split('\r\n');
    dst.behave(
      onData((response) => {
        response.writeHead(200, { 'content-type': 'text/csv', connection: 'close' });
        response.end(rows.slice(0, 60).join('\r\n') + '\r\n');
      }),
    );
    const short = await fetchIn(cwd, ['--year', '2024']);
    expect(short.code).toBe(5);
    expect(short.stderr).toContain('was cut short: it has 59 rows, not the 105 asked for');
    expect(filesIn(cwd)).toEqual([]);

    // Cut in the middle of the last line: every row there, the last one not whole.
    dst.behave(
      onData((response) => {
        response.writeHead(200, { 'content-type': 'text/csv', connection: 'close' });
        response.end(csv.subarray(0, csv.length - 4));
      }),
    );
    const midLine = await fetchIn(cwd, ['--year', '2024']);
    expect(midLine.code).toBe(5);
    expect(midLine.stderr).toContain('its last line is not whole');
    expect(filesIn(cwd)).toEqual([]);
  });

  it('exits 5 for a web page where the CSV should be (a proxy or maintenance page)', async () => {
    const cwd = temporaryFolder();
    dst.behave(
      onData((response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!DOCTYPE html>\n<html><head><title>Statistikbanken er lukket for vedligeholdelse</title></head><body></body></html>');
      }),
    );
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('answered with a web page, not the CSV asked for');
    expect(result.stderr).toContain('Statistikbanken er lukket for vedligeholdelse');
    expect(filesIn(cwd)).toEqual([]);
  });

  it('exits 5 for a table description that is not one', async () => {
    const cwd = temporaryFolder();
    dst.behave((request, response) => {
      if (request.path !== '/v1/tableinfo') return false;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'FOLK1A' }));
      return true;
    });
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('description of the table is not as flis knows it');
  });

  it.each(['..', '0'])('exits 1, keeping no file, when a municipality has no figure (%s)', async (value) => {
    const cwd = temporaryFolder();
    const csv = readFileSync(join(FIXTURES, 'FOLK1A-2024K1.csv'), 'utf8').replace(/^Odense;2024K1;\d+/m, `Odense;2024K1;${value}`);
    dst.behave(csvAnswer(csv));
    const result = await fetchIn(cwd, ['--year', '2024']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no figure for 1 of the 98 municipalities on 1 January 2024: Odense (461)');
    expect(filesIn(cwd)).toEqual([]);
  });

  it('exits 5 when nothing listens, and when the name does not resolve', async () => {
    const cwd = temporaryFolder();
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const refused = await fetchIn(cwd, ['--year', '2024'], { FLIS_STATBANK_URL: `http://127.0.0.1:${port}/v1` });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain(`127.0.0.1:${port} refused the connection`);
    const unknown = await fetchIn(cwd, ['--year', '2024'], { FLIS_STATBANK_URL: 'http://statbank.invalid/v1' });
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/statbank\.invalid could not be looked up|statbank\.invalid/);
    expect(filesIn(cwd)).toEqual([]);
  });
});

describe('the proxy the environment names', () => {
  let proxy: Server;
  let proxyUrl: string;
  const seen: string[] = [];
  beforeAll(async () => {
    // A forwarding proxy: absolute-URI requests are passed on to the replaying server; CONNECT is refused.
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(dst.url);
      const path = new URL(req.url!).pathname;
      const forward = httpRequest({ host: target.hostname, port: target.port, path, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    proxy.on('connect', (req, socket) => {
      seen.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => proxy.close(() => done())));
  beforeEach(() => {
    seen.length = 0;
  });

  it('goes through HTTP_PROXY (a host only the proxy can reach), and not for a host in NO_PROXY', async () => {
    const cwd = temporaryFolder();
    const env = { FLIS_STATBANK_URL: 'http://statbank.invalid/v1', HTTP_PROXY: proxyUrl };
    const through = await fetchIn(cwd, ['--year', '2024'], env);
    expect(through.stderr).toContain('saved');
    expect(through.code).toBe(0);
    expect(seen).toEqual(['POST http://statbank.invalid/v1/tableinfo', 'POST http://statbank.invalid/v1/data']);

    seen.length = 0;
    const direct = await fetchIn(temporaryFolder(), ['--year', '2024'], { ...env, NO_PROXY: 'statbank.invalid' });
    expect(direct.code).toBe(5);
    expect(seen).toEqual([]);
  });

  it("asks HTTPS_PROXY to CONNECT to DST's own address (and exits 5 when the proxy refuses)", async () => {
    const cwd = temporaryFolder();
    const result = await fetchIn(cwd, ['--year', '2024'], { FLIS_STATBANK_URL: undefined, HTTPS_PROXY: proxyUrl, NO_PROXY: undefined });
    expect(result.code).toBe(5);
    expect(seen[0]).toBe('CONNECT api.statbank.dk:443');
    expect(filesIn(cwd)).toEqual([]);
  });
});

describe('flis invoice --fetch', () => {
  it('fetches the population of the year when it is not saved, bills it, and uses the saved file the next time', async () => {
    const cwd = temporaryFolder();
    const first = await flis(['invoice', '--period', 'H1', '--year', '2024', '--fetch', '--roster', ROSTER], { cwd, env: { FLIS_STATBANK_URL: dst.url } });
    expect(first.stderr).toContain('saved data/FOLK1A-2024K1.csv');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(H1_2024);
    expect(dst.received.length).toBe(2);

    const second = await flis(['invoice', '--period', 'H1', '--year', '2024', '--fetch', '--roster', ROSTER], { cwd, env: { FLIS_STATBANK_URL: dst.url } });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain('fetched from Statistics Denmark before');
    expect(dst.received.length).toBe(2);
  });

  it('does the same for "population": "statbank" in the config, with one command for cron, and exits 4 before DST publishes', async () => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'flis.config.json'), JSON.stringify({ population: 'statbank', roster: ROSTER, statbank: { folder: 'dst' } }));
    const billed = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', 'runs'], { cwd, env: { FLIS_STATBANK_URL: dst.url } });
    expect(billed.code).toBe(0);
    expect(billed.stdout).toContain(H1_2024);
    expect(filesIn(join(cwd, 'dst')).sort()).toEqual(['FOLK1A-2024K1.csv', 'FOLK1A-2024K1.json']);
    const manifest = JSON.parse(readFileSync(join(cwd, 'runs/manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest)).toContain('dst/FOLK1A-2024K1.csv');

    const early = await flis(['invoice', '--period', 'H1', '--year', '2025', '--out', 'runs'], { cwd, env: { FLIS_STATBANK_URL: dst.url } });
    expect(early.code).toBe(4);
    expect(early.stderr).toContain('not published yet');
    expect(filesIn(join(cwd, 'runs')).filter((f) => f.includes('2025'))).toEqual([]);

    const checked = await flis(['check', '--year', '2024'], { cwd });
    expect(checked.code).toBe(0);
    const exit = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01'], { cwd });
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain('dst/FOLK1A-2024K1.csv');
  });

  it('refuses --fetch with --population, and fetches nothing under --dry-run', async () => {
    const cwd = temporaryFolder();
    const both = await flis(['invoice', '--period', 'H1', '--year', '2024', '--fetch', '--population', 'x.csv', '--roster', ROSTER], { cwd, env: { FLIS_STATBANK_URL: dst.url } });
    expect(both.code).toBe(2);
    mkdirSync(join(cwd, 'runs'));
    const dry = await flis(['invoice', '--period', 'H1', '--year', '2024', '--fetch', '--dry-run', '--out', 'runs', '--roster', ROSTER], { cwd, env: { FLIS_STATBANK_URL: dst.url } });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('Run flis fetch population --year 2024 first (--dry-run fetches nothing)');
    expect(dst.received).toEqual([]);
  });
});

it('the replayed description lists every area of the replayed CSV, in its order', () => {
  const info = JSON.parse(tableinfoText()!) as { variables: { id: string; values: { text: string }[] }[] };
  const names = readFileSync(join(FIXTURES, 'FOLK1A-2024K1.csv'), 'utf8')
    .split('\r\n')
    .slice(1, -1)
    .map((line) => line.split(';')[0]);
  expect(info.variables[0]!.values.map((v) => v.text)).toEqual(names);
});
