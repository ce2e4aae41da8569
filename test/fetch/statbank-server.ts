// A local stand-in for Statistics Denmark's StatBank API (v1) on 127.0.0.1, replaying the answers recorded in
// fixtures/statbank/: POST /v1/tableinfo answers FOLK1A's description, POST /v1/data the CSV of the time asked
// for. A test can change how it answers (`behave`), to play DST failing in each way seen.

import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ROOT } from '../e2e/flis.js';

export const FIXTURES = join(ROOT, 'fixtures/statbank');

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
}

/** What the server does with a request: undefined for DST's normal answer. */
export type Behaviour = (request: Received, response: ServerResponse, attempt: number) => boolean | Promise<boolean>;

export interface ReplayServer {
  readonly url: string;
  readonly received: Received[];
  /** Replaces how the server answers (the normal answer where the behaviour returns false). */
  behave(behaviour: Behaviour | undefined): void;
  close(): Promise<void>;
}

/** DST's /data CSV for FOLK1A at the time asked for, or DST's error when there is none recorded. */
function dataAnswer(request: Received, response: ServerResponse): void {
  const body = JSON.parse(request.body) as { table: string; variables: { code: string; values: string[] }[] };
  const time = body.variables.find((v) => v.code === 'Tid')?.values[0];
  let csv: Buffer | undefined;
  try {
    csv = readFileSync(join(FIXTURES, `${body.table}-${time === '*' ? 'all-years' : time}.csv`));
  } catch {
    csv = undefined;
  }
  if (!csv) {
    dstError(response, 400, `Kan ikke finde værdien: ${time} (Tid)`);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/csv; charset=UTF-8', 'content-length': csv.length });
  response.end(csv);
}

/** DST's JSON error, as recorded from the live API (fixtures/README.md): HTTP 400, text/json. */
export function dstError(response: ServerResponse, status: number, message: string, errorTypeCode = 'EXTRACT-NOTFOUND'): void {
  const body = JSON.stringify({ errorTypeCode, message });
  response.writeHead(status, { 'content-type': 'text/json; charset=utf-8' });
  response.end(body);
}

export function tableinfoText(table = 'FOLK1A'): string | undefined {
  try {
    return readFileSync(join(FIXTURES, `${table}-tableinfo.json`), 'utf8');
  } catch {
    return undefined;
  }
}

export async function startStatbank(): Promise<ReplayServer> {
  const received: Received[] = [];
  let behaviour: Behaviour | undefined;
  const attempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer(async (req, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: Received = { method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers };
    received.push(request);
    const attempt = (attempts.get(request.path) ?? 0) + 1;
    attempts.set(request.path, attempt);
    if (behaviour && (await behaviour(request, response, attempt))) return;
    if (req.method === 'POST' && request.path === '/v1/tableinfo') {
      const table = (JSON.parse(request.body) as { table: string }).table;
      const text = tableinfoText(table);
      if (text === undefined) {
        dstError(response, 400, `Tabel findes ikke: ${table}`);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(text);
    } else if (req.method === 'POST' && request.path === '/v1/data') {
      dataAnswer(request, response);
    } else {
      dstError(response, 404, 'Siden kan ikke findes. / Page not found.', 'REQUEST-NOTFOUND');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    behave(next) {
      behaviour = next;
      attempts.clear();
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** A behaviour for /data only (the description is answered as recorded): `answer` writes the response. */
export function onData(answer: (response: ServerResponse) => void): Behaviour {
  return (request, response) => {
    if (request.path !== '/v1/data') return false;
    answer(response);
    return true;
  };
}

/** `body` as /data's answer, with status 200 and a CSV content type. */
export const csvAnswer = (body: string | Buffer) => onData((response) => {
  response.writeHead(200, { 'content-type': 'text/csv' });
  response.end(body);
});

/**
 * The replaying server for a test file: started before its tests, closed after, and back to DST's normal
 * answers, with nothing received, before each test.
 */
export function replayedStatbank(): ReplayServer {
  let server: ReplayServer | undefined;
  const started = () => {
    if (!server) throw new Error('the replaying server is not started');
    return server;
  };
  beforeAll(async () => {
    server = await startStatbank();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    started().behave(undefined);
    started().received.length = 0;
  });
  return {
    get url() {
      return started().url;
    },
    get received() {
      return started().received;
    },
    behave: (behaviour) => started().behave(behaviour),
    close: () => started().close(),
  };
}
