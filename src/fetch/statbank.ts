// The HTTP side of Statistics Denmark's StatBank API (v1): one POST, within a total deadline, retried with
// backoff where DST is busy or failing (HTTP 429 and 5xx, a connection cut off), through the proxy the
// environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). Every failure becomes a message a person can act
// on, with its exit code: the network, the deadline, DST's errors. What the answer means is statbank-data.ts's.
// Only the address asked answers: a redirect is not followed (it is refused, naming the host that sent it and
// where to), an answer is read up to MAX_ANSWER_BYTES and no further, and a wait DST asks for (Retry-After)
// that would end past the deadline is not waited out.
//
// The base URL is DST's, https://api.statbank.dk/v1; FLIS_STATBANK_URL changes it (tests point it at a local
// server). Node 20's built-in fetch ignores the proxy variables, so undici's ProxyAgent does the work, for the
// proxy that proxyFor picks by curl's rules (undici's own EnvHttpProxyAgent prints an "experimental" warning).

import { Agent, type Dispatcher, ProxyAgent, fetch } from 'undici';
import { FlisError, UnavailableError, UsageError } from '../errors.js';

export const DST_STATBANK_URL = 'https://api.statbank.dk/v1';

/** The base URL: FLIS_STATBANK_URL, or DST's. */
export function statbankUrl(env: NodeJS.ProcessEnv): string {
  const given = env.FLIS_STATBANK_URL?.trim();
  if (given === undefined || given === '') return DST_STATBANK_URL;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`FLIS_STATBANK_URL is not a URL: "${given}"`, `Leave it unset for DST's own, ${DST_STATBANK_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`FLIS_STATBANK_URL must be an http(s) URL, not "${given}"`);
  return given.replace(/\/+$/, '');
}

/**
 * The proxy a request to `target` goes through, by the environment as curl reads it: HTTPS_PROXY for https,
 * HTTP_PROXY for http (lower case wins over upper), none for a host NO_PROXY names (a name, a domain and its
 * subdomains, with a port if given, or * for every host).
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): string | undefined {
  const get = (name: string) => env[name.toLowerCase()] ?? env[name];
  const proxy = (target.protocol === 'https:' ? get('HTTPS_PROXY') : get('HTTP_PROXY'))?.trim();
  if (proxy === undefined || proxy === '') return undefined;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of (get('NO_PROXY') ?? '').split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return undefined;
    const withPort = /^(.*?)(?::(\d+))?$/.exec(entry.startsWith('[') ? entry.replace(/^\[([^\]]*)\]/, '$1') : entry)!;
    const name = (withPort[1] ?? '').replace(/^\*?\./, '');
    if (withPort[2] !== undefined && withPort[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return undefined;
  }
  return proxy;
}

function dispatcherFor(target: URL, env: NodeJS.ProcessEnv): Dispatcher {
  const proxy = proxyFor(target, env);
  if (proxy === undefined) return new Agent();
  const variable = target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  try {
    new URL(proxy);
  } catch {
    throw new UsageError(`${variable} is not a URL: "${proxy}"`, 'For example HTTPS_PROXY=http://proxy.example:3128');
  }
  // https goes through a tunnel (CONNECT); plain http is handed to the proxy whole, as curl does.
  return new ProxyAgent({ uri: proxy, proxyTunnel: target.protocol === 'https:' });
}

export interface StatbankClient {
  readonly baseUrl: string;
  /** POSTs a JSON body to `endpoint` (data, tableinfo); resolves with DST's answer, whatever its status. */
  post(endpoint: string, body: unknown): Promise<StatbankAnswer>;
  /** Lets go of the connections kept open. */
  close(): Promise<void>;
}

export interface StatbankAnswer {
  readonly url: string;
  /** The request body as sent (JSON text). */
  readonly request: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface ClientOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Everything the client does, every request, attempt and wait included, must end within this from its creation. */
  readonly deadlineMs: number;
  /** Told of waits and retries, for the progress line. */
  readonly onRetry?: (text: string) => void;
  /** The waits between attempts (tests shorten nothing: this is for the clock only). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The most read of one answer (tests make it small); MAX_ANSWER_BYTES. */
  readonly maxAnswerBytes?: number;
}

/**
 * The most flis reads of one answer. Far above any real one: the largest recorded (fixtures/statbank/), the
 * projection FRKM126 for every year, is 53 kB; the population of one quarter is 2.5 kB, a table description 10 kB.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

const bytes = (n: number) => `${n.toLocaleString('en')} bytes`;

/** The answer's body, refused (exit 5) when it is larger than `limit`: by its Content-Length, or as it arrives. */
async function bodyOf(response: Response, url: string, limit: number): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new UnavailableError(
      `Statistics Denmark's answer is too large: ${size}, where flis reads at most ${bytes(limit)} (${Math.round(limit / 1024 / 1024)} MB) (${url})`,
      'A real answer is a few kilobytes: check FLIS_STATBANK_URL and the proxy, if one is set. Nothing was written.',
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`${bytes(declared)} by its Content-Length`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > limit) throw tooLarge(`more than ${bytes(limit)} arrived before flis stopped reading`); // leaving the loop cancels the body
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/**
 * How long a Retry-After header asks to wait, in ms: seconds, or an HTTP date (a date past is no wait); undefined
 * when there is none or it is neither.
 */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // a negative or fractional number is neither form
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Attempts at most, and the waits before each retry (doubled, or DST's Retry-After if it ends within the deadline). */
const ATTEMPTS = 4;
const FIRST_WAIT_MS = 500;

const wait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((done, fail) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      fail(signal.reason);
    }, { once: true });
  });

/** Why a request failed, from the error fetch threw (undici puts the system's in `cause`). */
function networkProblem(error: unknown, url: string): { message: string; retry: boolean } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  const host = new URL(url).host;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { message: `the name ${host.replace(/:\d+$/, '')} could not be looked up (DNS): is the network up?`, retry: code === 'EAI_AGAIN' };
    case 'ECONNREFUSED':
      return { message: `${host} refused the connection`, retry: false };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return { message: `${host} cannot be reached: the network is down or shut off`, retry: false };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return { message: `the connection to ${host} was cut off before the whole answer arrived`, retry: true };
    default:
      return { message: `the request to ${host} failed: ${cause?.message ?? (error as Error).message}`, retry: false };
  }
}

/** A redirect, which flis does not follow: the host that sent it, and where to. */
function redirected(url: string, status: number, location: string): UnavailableError {
  const host = new URL(url).host;
  let target = location;
  try {
    target = new URL(location, url).href;
  } catch {
    // shown as it came
  }
  return new UnavailableError(
    `${host} answered with a redirect (HTTP ${status}) to ${target}; flis asks only the StatBank address and does not follow redirects (${url})`,
    `If Statistics Denmark has moved its API, set FLIS_STATBANK_URL to the new address; if not, check the proxy (HTTPS_PROXY) and the network. Nothing was written.`,
  );
}

export function createClient(options: ClientOptions): StatbankClient {
  const baseUrl = statbankUrl(options.env);
  const sleep = options.sleep ?? wait;
  const dispatcher = dispatcherFor(new URL(baseUrl), options.env);
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  const deadline = AbortSignal.timeout(options.deadlineMs);
  const endsAt = Date.now() + options.deadlineMs;

  return {
    baseUrl,
    async post(endpoint, body) {
      const url = `${baseUrl}/${endpoint}`;
      const request = JSON.stringify(body);
      const late = () =>
        new UnavailableError(
          `Statistics Denmark did not answer within ${seconds(options.deadlineMs)} (${url})`,
          'Try again later, or allow more time with --timeout SECONDS. Nothing was written.',
        );
      let waitMs = FIRST_WAIT_MS;
      for (let attempt = 1; ; attempt++) {
        let problem: { message: string; retry: boolean; retryAfter?: { ms: number; header: string } };
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'text/csv, application/json' },
            body: request,
            signal: deadline,
            dispatcher,
            redirect: 'manual',
          });
          const status = response.status;
          const location = response.headers.get('location');
          if (status >= 300 && status < 400 && location !== null) {
            await response.body?.cancel().catch(() => undefined);
            throw redirected(url, status, location);
          }
          if (status === 429 || status >= 500) {
            await response.body?.cancel().catch(() => undefined);
            const header = response.headers.get('retry-after');
            const after = retryAfterMs(header, Date.now());
            problem = {
              message: status === 429 ? `Statistics Denmark asked flis to slow down (HTTP 429)` : `Statistics Denmark answered with a server error (HTTP ${status})`,
              retry: true,
              ...(after === undefined ? {} : { retryAfter: { ms: after, header: header!.trim() } }),
            };
          } else {
            const body = await bodyOf(response, url, options.maxAnswerBytes ?? MAX_ANSWER_BYTES);
            return { url, request, status, contentType: response.headers.get('content-type') ?? '', body };
          }
        } catch (error) {
          if (deadline.aborted) throw late();
          if (error instanceof FlisError) throw error;
          problem = networkProblem(error, url);
        }
        if (!problem.retry || attempt >= ATTEMPTS) {
          throw new UnavailableError(
            `${problem.message}${attempt > 1 ? `, ${attempt} times` : ''} (${url})`,
            problem.retry ? 'DST is busy or failing: try again later. Nothing was written.' : 'Check the network (and HTTPS_PROXY, if one is needed). Nothing was written.',
          );
        }
        const pause = problem.retryAfter?.ms ?? waitMs;
        if (problem.retryAfter !== undefined && Date.now() + pause >= endsAt) {
          // Waiting would only end in "did not answer within": say at once what DST asked for.
          throw new UnavailableError(
            `${problem.message}; it asked flis to wait ${seconds(pause)} (Retry-After: ${problem.retryAfter.header}), which would end after the ${seconds(options.deadlineMs)} flis may take: flis gave up at once (${url})`,
            'Try again later, or allow more time with --timeout SECONDS. Nothing was written.',
          );
        }
        options.onRetry?.(`${problem.message}; trying again in ${seconds(pause)} (attempt ${attempt + 1} of ${ATTEMPTS})`);
        try {
          await sleep(pause, deadline);
        } catch {
          throw late();
        }
        waitMs *= 2;
      }
    },
    close: () => dispatcher.close().catch(() => undefined),
  };
}
