import { describe, expect, it } from 'vitest';
import { bicProblem, cvrProblem, glnProblem, ibanProblem, referenceProblem } from '../../src/documents/identifiers.js';

describe('identifiers on an invoice', () => {
  it('GLN/EAN-13: GS1 mod-10 check digit', () => {
    expect(glnProblem('5901234123457')).toBeUndefined();
    expect(glnProblem('4006381333931')).toBeUndefined();
    expect(glnProblem('5790001969370')).toBeUndefined(); // KOMBIT's own
    expect(glnProblem('4006381333932')).toMatch(/should be 1/);
    expect(glnProblem('400638133393')).toMatch(/13 digits/);
    expect(glnProblem('40063813339a1')).toMatch(/13 digits/);
  });

  it('CVR: 8 digits, modulus 11 with weights 2 7 6 5 4 3 2 1', () => {
    expect(cvrProblem('19435075')).toBeUndefined(); // KOMBIT A/S
    expect(cvrProblem('44023911')).toBeUndefined(); // Greve Kommune
    expect(cvrProblem('19435076')).toMatch(/modulus-11/);
    expect(cvrProblem('1943507')).toMatch(/8 digits/);
    expect(cvrProblem('09435075')).toMatch(/8 digits/);
    expect(cvrProblem('DK19435075')).toMatch(/8 digits/);
  });

  it('IBAN: mod 97, Danish ones 18 characters', () => {
    expect(ibanProblem('DK5000400440116243')).toBeUndefined(); // the IBAN registry's Danish example
    expect(ibanProblem('GB29NWBK60161331926819')).toBeUndefined();
    expect(ibanProblem('DK5000400440116244')).toMatch(/mod 97/);
    expect(ibanProblem('DK50004004401162')).toMatch(/18 characters/);
    expect(ibanProblem('DK50 0040 0440 1162 43')).toMatch(/without spaces/);
  });

  it('BIC: 8 or 11 characters', () => {
    expect(bicProblem('DABADKKK')).toBeUndefined();
    expect(bicProblem('DABADKKKXXX')).toBeUndefined();
    expect(bicProblem('DABADK')).toMatch(/not a BIC/);
    expect(bicProblem('dabadkkk')).toMatch(/not a BIC/);
  });

  it('a reference: any one line of text; no line break, tab or control character', () => {
    expect(referenceProblem('Økonomi & Løn <FLIS>, ref. 4711')).toBeUndefined();
    expect(referenceProblem('a'.repeat(500))).toBeUndefined(); // neither format limits its length
    expect(referenceProblem('Lone\r\nHansen')).toMatch(/contains a line break/);
    expect(referenceProblem('Lone\tHansen')).toMatch(/contains a tab/);
    expect(referenceProblem('x\u001Fy')).toMatch(/control character \(U\+001F\)/);
    expect(referenceProblem('x\uFFFEy')).toMatch(/control character \(U\+FFFE\)/);
  });
});
