// What Statistics Denmark's StatBank API (v1) answers, read without any I/O: a table's description
// (/tableinfo, JSON), and whether a /data answer is the CSV that was asked for or something else (DST's JSON
// error, a web page from a proxy or a maintenance page, nothing). What cannot be read is DST's (or the
// network's) fault, not the user's: it is an UnavailableError (exit 5).

import { UnavailableError } from '../errors.js';

export interface TableValue {
  readonly id: string;
  readonly text: string;
}

export interface TableVariable {
  readonly id: string;
  readonly text: string;
  /** Whether the variable may be left out of a request: DST then answers at its total. */
  readonly elimination: boolean;
  readonly time: boolean;
  readonly values: readonly TableValue[];
}

export interface TableInfo {
  readonly id: string;
  readonly text: string;
  /** When DST last updated the table, as DST writes it (e.g. 2024-02-12T08:00:00). */
  readonly updated: string;
  readonly variables: readonly TableVariable[];
}

/** What an answer of DST's is: its status, its content type and its bytes. */
export interface AnswerBody {
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

const EXCERPT_MAX = 160;

function textOf(body: Uint8Array): string {
  return new TextDecoder('utf-8').decode(body).replace(/^\uFEFF/, '');
}

function firstLine(text: string): string {
  const line = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return line.length > EXCERPT_MAX ? `${line.slice(0, EXCERPT_MAX)}…` : line;
}

/** DST's own error, when the body is DST's JSON error ({"errorTypeCode": "EXTRACT-NOTFOUND", "message": …}), either field alone too. */
function dstErrorMessage(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const { message, errorTypeCode } = json as { message?: unknown; errorTypeCode?: unknown };
      const text = typeof message === 'string' ? message.trim() : '';
      const code = typeof errorTypeCode === 'string' ? errorTypeCode.trim() : '';
      if (text !== '' && code !== '') return `${text} (${code})`;
      if (text !== '' || code !== '') return text || code;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/** DST's message when it refused the request (HTTP 4xx with its JSON error), e.g. for a table it does not have. */
export function refusal(answer: AnswerBody): string | undefined {
  return answer.status >= 400 && answer.status < 500 ? dstErrorMessage(textOf(answer.body)) : undefined;
}

/** A web page's title, for saying which page came back. */
function pageTitle(text: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
  const title = match?.[1]?.replace(/\s+/g, ' ').trim();
  return title === undefined || title === '' ? undefined : title;
}

/** Why an answer is not what was asked for, in words; undefined when it may be (status 200, the right kind). */
function answerProblem(answer: AnswerBody, asked: 'CSV' | 'JSON'): string | undefined {
  const text = textOf(answer.body);
  const where = `(HTTP ${answer.status}${answer.contentType ? `, ${answer.contentType.split(';')[0]}` : ''}, ${answer.url})`;
  const dst = dstErrorMessage(text);
  if (dst !== undefined && (answer.status !== 200 || asked === 'CSV')) return `Statistics Denmark answered with an error ${where}: ${dst}`;
  if (/^\s*</.test(text)) {
    const title = pageTitle(text);
    return `Statistics Denmark's address answered with a web page, not the ${asked} asked for ${where}${title ? `: "${title}"` : ''}`;
  }
  if (answer.status !== 200) {
    return `Statistics Denmark answered HTTP ${answer.status}, not the ${asked} asked for ${where}${text.trim() === '' ? '' : `: ${firstLine(text)}`}`;
  }
  if (text.trim() === '') return `Statistics Denmark answered with nothing ${where}`;
  return undefined;
}

const UNAVAILABLE_HINT = 'Nothing was written. Try again later; if it persists, DST may have changed its API (see https://api.statbank.dk).';

/** The CSV of a /data answer as text (BOM kept out), or an UnavailableError saying what came back instead. */
export function statbankCsv(answer: AnswerBody): string {
  const problem = answerProblem(answer, 'CSV');
  if (problem) throw new UnavailableError(problem, UNAVAILABLE_HINT);
  const text = textOf(answer.body);
  const header = firstLine(text);
  if (!/(^|;)INDHOLD\r?$/i.test(header) || !header.includes(';')) {
    throw new UnavailableError(`Statistics Denmark's answer is not the CSV asked for (HTTP ${answer.status}, ${answer.url}): it begins "${header}"`, UNAVAILABLE_HINT);
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a /tableinfo answer (format JSON); an UnavailableError if it is not a table's description. */
export function readTableInfo(answer: AnswerBody): TableInfo {
  const problem = answerProblem(answer, 'JSON');
  if (problem) throw new UnavailableError(problem, UNAVAILABLE_HINT);
  const wrong = (what: string) =>
    new UnavailableError(`Statistics Denmark's description of the table is not as flis knows it (${answer.url}): ${what}`, UNAVAILABLE_HINT);
  let json: unknown;
  try {
    json = JSON.parse(textOf(answer.body));
  } catch {
    throw wrong(`not JSON, it begins "${firstLine(textOf(answer.body))}"`);
  }
  if (!isRecord(json)) throw wrong('not a JSON object');
  const { id, text, updated, variables } = json;
  if (typeof id !== 'string' || typeof updated !== 'string' || !Array.isArray(variables)) throw wrong('no "id", "updated" or "variables"');
  const read: TableVariable[] = variables.map((variable: unknown, index) => {
    if (!isRecord(variable) || typeof variable.id !== 'string' || !Array.isArray(variable.values)) throw wrong(`variable ${index + 1} has no "id" or "values"`);
    const values = variable.values.map((value: unknown) => {
      if (!isRecord(value) || typeof value.id !== 'string') throw wrong(`a value of ${variable.id} has no "id"`);
      return { id: value.id, text: typeof value.text === 'string' ? value.text : value.id };
    });
    return {
      id: variable.id,
      text: typeof variable.text === 'string' ? variable.text : variable.id,
      elimination: variable.elimination === true,
      time: variable.time === true,
      values,
    };
  });
  return { id, text: typeof text === 'string' ? text : id, updated, variables: read };
}

/** The number of data rows of an API CSV: its lines after the header, blank lines not counted. */
export function csvRowCount(text: string): number {
  let rows = -1;
  for (const line of text.split('\n')) if (line.trim() !== '') rows++;
  return Math.max(rows, 0);
}
