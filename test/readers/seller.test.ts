import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSeller } from '../../src/readers/seller.js';

const SHIPPED = JSON.parse(readFileSync('flis.config.json', 'utf8')).seller as Record<string, unknown>;

/** The seller as a config file's text, and what readSeller makes of it. */
function read(seller: unknown) {
  const text = `${JSON.stringify({ population: 'p.csv', seller }, null, 2)}\n`;
  return readSeller('flis.config.json', text, (JSON.parse(text) as { seller: unknown }).seller);
}

function problemsOf(seller: unknown) {
  try {
    read(seller);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('no problem found');
}

const without = (key: string) => Object.fromEntries(Object.entries(SHIPPED).filter(([k]) => k !== key));

describe('the seller in the config', () => {
  it('the shipped config: KOMBIT A/S, with its bank account and payment terms marked illustrative', () => {
    const seller = read(SHIPPED);
    expect(seller).toMatchObject({
      name: 'KOMBIT A/S',
      cvr: '19435075',
      vatNumber: 'DK19435075',
      gln: '5790001969370',
      address: { street: 'Halfdansgade', buildingNumber: '8', postalCode: '2300', city: 'København S', country: 'DK' },
      bank: { regNo: '1234', accountNo: '1234567890' },
      paymentTermsDays: 30,
      email: 'kombit@kombit.dk',
      illustrative: ['bank', 'payment_terms_days'],
    });
  });

  it.each(['name', 'cvr', 'vat_number', 'address', 'bank', 'payment_terms_days', 'email'])('a missing %s is refused, naming the key', (key) => {
    const problems = problemsOf(without(key));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(new RegExp(`^seller\\.${key} is missing`));
    expect(problems[0]!.line).toBe(3); // the line of "seller"
  });

  it('gln and phone are optional', () => {
    const { gln, phone, ...rest } = SHIPPED;
    expect(gln && phone).toBeTruthy();
    expect(read(rest).gln).toBeUndefined();
  });

  it('a CVR number with a wrong digit fails the modulus-11 check, at its line', () => {
    const problems = problemsOf({ ...SHIPPED, cvr: '19435076' });
    expect(problems.map((p) => p.message)).toEqual(['seller.cvr: CVR 19435076 fails the modulus-11 check: a digit is wrong']);
    expect(problems[0]!.excerpt).toBe('    "cvr": "19435076",');
  });

  it('numbers must be text, so that no leading zero or digit is lost', () => {
    expect(problemsOf({ ...SHIPPED, cvr: 19435075 })[0]!.message).toMatch(/^seller\.cvr must be text in quotes, not 19435075/);
  });

  it('a malformed IBAN, BIC, VAT number, postal code, e-mail: every problem at once', () => {
    const problems = problemsOf({
      ...SHIPPED,
      vat_number: '19435075',
      email: 'kombit.dk',
      address: { ...(SHIPPED.address as object), postal_code: '230' },
      bank: { iban: 'DK5000400440116244', bic: 'DABA' },
    });
    expect(problems.map((p) => p.message)).toEqual([
      'seller.vat_number: "19435075" is not a Danish VAT number: "DK" and 8 digits, such as DK19435075',
      'seller.email: "kombit.dk" is not an e-mail address',
      'seller.address.postal_code: "230" is not a Danish postal code: 4 digits',
      'seller.bank.iban: IBAN DK5000400440116244 fails its check digits (mod 97): a character is wrong',
      'seller.bank.bic: "DABA" is not a BIC: 8 or 11 capital letters and digits, such as DABADKKK',
    ]);
  });

  it('a bank account needs both its parts', () => {
    expect(problemsOf({ ...SHIPPED, bank: { reg_no: '1234' } }).map((p) => p.message)).toEqual(['seller.bank needs both reg_no and account_no, or neither']);
    expect(problemsOf({ ...SHIPPED, bank: { iban: 'DK5000400440116243' } }).map((p) => p.message)).toEqual(['seller.bank needs both iban and bic, or neither']);
    expect(problemsOf({ ...SHIPPED, bank: {} }).map((p) => p.message)).toEqual([expect.stringMatching(/^seller\.bank names no account/)]);
    expect(read({ ...SHIPPED, bank: { iban: 'DK5000400440116243', bic: 'DABADKKK' } }).bank).toEqual({ iban: 'DK5000400440116243', bic: 'DABADKKK' });
  });

  it('an unknown key is refused (a misspelt key must not leave a value out)', () => {
    expect(problemsOf({ ...SHIPPED, payment_terms: 30 }).map((p) => p.message)).toEqual(['unknown key "seller.payment_terms" in the config file']);
    expect(problemsOf({ ...SHIPPED, address: { ...(SHIPPED.address as object), zip: '2300' } })[0]!.message).toBe('unknown key "seller.address.zip" in the config file');
  });

  it('payment terms are whole days, 0 to 365', () => {
    expect(problemsOf({ ...SHIPPED, payment_terms_days: 30.5 })[0]!.message).toMatch(/whole number of days/);
    expect(problemsOf({ ...SHIPPED, payment_terms_days: '30' })[0]!.message).toMatch(/whole number of days/);
  });

  it('illustrative lists seller keys', () => {
    expect(problemsOf({ ...SHIPPED, illustrative: ['iban'] })[0]!.message).toMatch(/^seller\.illustrative must list seller keys/);
  });

  it('not an object', () => {
    expect(problemsOf('KOMBIT')[0]!.message).toMatch(/^seller must be an object/);
  });
});
