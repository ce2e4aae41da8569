// The pure parts of the StatBank client: which proxy a request takes, and reading what DST answers.

import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import { proxyFor, statbankUrl } from '../../src/fetch/statbank.js';
import { readTableInfo, statbankCsv } from '../../src/readers/statbank.js';
import { tableinfoText } from './statbank-server.js';

const DST = new URL('https://api.statbank.dk/v1/data');

describe('proxyFor (curl\'s rules)', () => {
  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    expect(proxyFor(DST, { HTTPS_PROXY: 'http://p:3128' })).toBe('http://p:3128');
    expect(proxyFor(DST, { HTTP_PROXY: 'http://p:3128' })).toBeUndefined();
    expect(proxyFor(new URL('http://x/v1'), { HTTP_PROXY: 'http://p:1' })).toBe('http://p:1');
    expect(proxyFor(DST, { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1' })).toBe('http://low:1');
    expect(proxyFor(DST, {})).toBeUndefined();
  });

  it('goes direct for a host NO_PROXY names: the name, its domain, *, a matching port', () => {
    const env = (noProxy: string) => ({ HTTPS_PROXY: 'http://p:3128', NO_PROXY: noProxy });
    for (const noProxy of ['api.statbank.dk', 'statbank.dk', '.statbank.dk', '*.statbank.dk', '*', 'localhost, .dk', 'api.statbank.dk:443']) {
      expect(proxyFor(DST, env(noProxy)), noProxy).toBeUndefined();
    }
    for (const noProxy of ['', 'bank.dk', 'statbank.dk.evil', 'api.statbank.dk:8443', 'dst.dk']) {
      expect(proxyFor(DST, env(noProxy)), noProxy).toBe('http://p:3128');
    }
  });

  it('takes FLIS_STATBANK_URL without its trailing slash, and DST\'s own without it', () => {
    expect(statbankUrl({})).toBe('https://api.statbank.dk/v1');
    expect(statbankUrl({ FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1/' })).toBe('http://127.0.0.1:9/v1');
    expect(() => statbankUrl({ FLIS_STATBANK_URL: 'not a url' })).toThrow(/not a URL/);
  });
});

const answer = (body: string, status = 200, contentType = 'text/csv') => ({ url: 'https://api.statbank.dk/v1/data', status, contentType, body: Buffer.from(body) });

describe("reading DST's answers", () => {
  it('reads the table description: its time values, what can be eliminated, when it was updated', () => {
    const info = readTableInfo(answer(tableinfoText()!, 200, 'application/json'));
    expect(info.id).toBe('FOLK1A');
    expect(info.updated).toBe('2024-05-10T08:00:00');
    expect(info.variables.map((v) => `${v.id}:${v.elimination}:${v.time}`)).toEqual(['OMRÅDE:true:false', 'KØN:true:false', 'ALDER:true:false', 'CIVILSTAND:true:false', 'Tid:false:true']);
    expect(info.variables[0]!.values.length).toBe(105);
  });

  it('takes a CSV with an INDHOLD column, BOM or not, and nothing else', () => {
    expect(statbankCsv(answer('\uFEFFOMRÅDE;TID;INDHOLD\r\nOdense;2024K1;209078\r\n'))).toBe('OMRÅDE;TID;INDHOLD\r\nOdense;2024K1;209078\r\n');
    const refused = (body: string, status = 200) => {
      try {
        statbankCsv(answer(body, status));
      } catch (error) {
        expect(error).toBeInstanceOf(UnavailableError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused('{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Ukendt tabel"}', 400)).toContain('Ukendt tabel (EXTRACT-NOTFOUND)');
    expect(refused('{"errorTypeCode":"EXTRACT-NOTFOUND"}', 400)).toContain('answered with an error (HTTP 400, text/csv, https://api.statbank.dk/v1/data): EXTRACT-NOTFOUND');
    expect(refused('<html><title>Bad Gateway</title></html>', 502)).toContain('web page');
    expect(refused('')).toContain('answered with nothing');
    expect(refused('Area,Time,Value\n')).toContain('begins "Area,Time,Value"');
    expect(refused('nope', 404)).toContain('HTTP 404');
  });
});

describe('the names fetched files are saved under', () => {
  it('reads a population file\'s year back from its name, and knows a projection\'s name', async () => {
    const { isProjectionFileName, populationFileName, populationFileYear, projectionFileName } = await import('../../src/fetch/tables.js');
    expect(populationFileName('FOLK1A', 2025)).toBe('FOLK1A-2025K1.csv');
    expect(populationFileYear('FOLK1A', 'FOLK1A-2025K1.csv')).toBe(2025);
    expect(populationFileYear('FOLK1AM', 'FOLK1AM-2024M01.csv')).toBe(2024);
    for (const other of ['FOLK1A-2025K2.csv', 'FOLK1AM-2025K1.csv', 'FOLK1A-2025K1.json', 'x-2025K1.csv', 'FOLK1A-2025K1.csv.bak']) {
      expect(populationFileYear('FOLK1A', other), other).toBeUndefined();
    }
    expect(isProjectionFileName(projectionFileName('FRKM126'))).toBe(true);
    for (const other of ['FRKM126.json', 'FRKM1266.csv', 'FOLK1A-2025K1.csv', 'frkm126.csv']) expect(isProjectionFileName(other), other).toBe(false);
  });
});
