// The seller of the e-invoices (KOMBIT), from the config's `seller` object:
//
//   "seller": {
//     "name": "KOMBIT A/S", "cvr": "19435075", "vat_number": "DK19435075", "gln": "5790001969370",
//     "address": { "street": "Halfdansgade", "building_number": "8", "postal_code": "2300",
//                  "city": "København S", "country": "DK" },
//     "bank": { "reg_no": "1234", "account_no": "1234567890", "iban": "DK…", "bic": "…" },
//     "payment_terms_days": 30, "email": "kombit@kombit.dk", "phone": "33349400",
//     "illustrative": ["bank"]
//   }
//
// Every key is required but gln, phone and illustrative; the bank needs reg_no and account_no, or iban and bic,
// or both. Nothing has a default: a missing or malformed value is a problem naming its key, at its line.
// `illustrative` lists keys whose values are examples, not the seller's own: flis warns whenever it uses them.

import { type InputProblem, ProblemList } from '../errors.js';
import { bicProblem, cvrProblem, glnProblem, ibanProblem } from '../documents/identifiers.js';
import type { BankAccount, PostalAddress, Seller } from '../documents/parties.js';
import { keyProblem } from './json.js';

const KEYS = ['name', 'cvr', 'vat_number', 'gln', 'address', 'bank', 'payment_terms_days', 'email', 'phone', 'illustrative'] as const;
const ADDRESS_KEYS = ['street', 'building_number', 'postal_code', 'city', 'country'] as const;
const BANK_KEYS = ['reg_no', 'account_no', 'iban', 'bic'] as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `seller` from the config (file and text are the config's, for locating keys); throws with every problem. */
export function readSeller(file: string, text: string, value: unknown): Seller {
  const problems = new ProblemList();
  const at = (path: readonly string[], message: string, hint?: string): void => problems.add(keyProblem(file, text, ['seller', ...path], message, hint));
  const name = (path: readonly string[]) => ['seller', ...path].join('.');

  if (!isObject(value)) {
    at([], 'seller must be an object ({ "name": …, "cvr": …, … })', 'See docs/reference.md, section E-invoices, for the seller keys.');
    problems.throwIfAny();
  }
  const seller = value as Json;

  const unknownKeys = (object: Json, known: readonly string[], path: readonly string[]): void => {
    for (const key of Object.keys(object)) {
      if (!known.includes(key)) at([...path, key], `unknown key "${name([...path, key])}" in the config file`, `The keys of ${name(path)} are ${known.join(', ')}.`);
    }
  };

  /** A required (or, with optional, an optional) text value; undefined where missing or wrong (and a problem added). */
  const textAt = (object: Json, path: readonly string[], options: { optional?: boolean; check?: (text: string) => string | undefined; example?: string } = {}): string | undefined => {
    const key = path[path.length - 1]!;
    const raw = object[key];
    if (raw === undefined || raw === null) {
      if (!options.optional) at(path.slice(0, -1), `${name(path)} is missing`, options.example ? `Give it, for example "${key}": "${options.example}".` : undefined);
      return undefined;
    }
    if (typeof raw !== 'string') {
      at(path, `${name(path)} must be text in quotes, not ${JSON.stringify(raw)}`, 'Write numbers such as CVR and account numbers in quotes, so that no digit is lost.');
      return undefined;
    }
    const text = raw.trim();
    if (text === '') {
      at(path, `${name(path)} is empty`);
      return undefined;
    }
    const wrong = options.check?.(text);
    if (wrong) {
      at(path, `${name(path)}: ${wrong}`);
      return undefined;
    }
    return text;
  };

  unknownKeys(seller, KEYS, []);
  const sellerName = textAt(seller, ['name'], { example: 'KOMBIT A/S' });
  const cvr = textAt(seller, ['cvr'], { check: cvrProblem, example: '19435075' });
  const vatNumber = textAt(seller, ['vat_number'], {
    check: (t) => (/^DK\d{8}$/.test(t) ? undefined : `"${t}" is not a Danish VAT number: "DK" and 8 digits, such as DK19435075`),
    example: 'DK19435075',
  });
  const gln = textAt(seller, ['gln'], { optional: true, check: glnProblem });
  const email = textAt(seller, ['email'], {
    check: (t) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? undefined : `"${t}" is not an e-mail address`),
    example: 'kombit@kombit.dk',
  });
  const phone = textAt(seller, ['phone'], { optional: true, check: (t) => (/^\+?[\d ]{8,20}$/.test(t) ? undefined : `"${t}" is not a telephone number`) });

  let paymentTermsDays: number | undefined;
  const terms = seller.payment_terms_days;
  if (terms === undefined) at([], 'seller.payment_terms_days is missing', 'Give the days from the issue date to the due date, for example "payment_terms_days": 30.');
  else if (typeof terms !== 'number' || !Number.isInteger(terms) || terms < 0 || terms > 365) {
    at(['payment_terms_days'], `seller.payment_terms_days must be a whole number of days from 0 to 365, not ${JSON.stringify(terms)}`);
  } else paymentTermsDays = terms;

  const address = readAddress(seller.address, textAt, at, unknownKeys);
  const bank = readBank(seller.bank, textAt, at, unknownKeys);

  const illustrative: string[] = [];
  const marked = seller.illustrative;
  if (marked !== undefined) {
    if (!Array.isArray(marked) || !marked.every((k) => typeof k === 'string' && (KEYS as readonly string[]).includes(k) && k !== 'illustrative')) {
      at(['illustrative'], `seller.illustrative must list seller keys, such as ["bank"], not ${JSON.stringify(marked)}`);
    } else illustrative.push(...(marked as string[]));
  }

  problems.throwIfAny();
  return Object.freeze({
    name: sellerName!,
    cvr: cvr!,
    vatNumber: vatNumber!,
    ...(gln ? { gln } : {}),
    address: address!,
    bank: bank!,
    paymentTermsDays: paymentTermsDays!,
    email: email!,
    ...(phone ? { phone } : {}),
    illustrative,
  });
}

type TextAt = (object: Json, path: readonly string[], options?: { optional?: boolean; check?: (text: string) => string | undefined; example?: string }) => string | undefined;
type At = (path: readonly string[], message: string, hint?: string) => void;
type UnknownKeys = (object: Json, known: readonly string[], path: readonly string[]) => void;

function readAddress(value: unknown, textAt: TextAt, at: At, unknownKeys: UnknownKeys): PostalAddress | undefined {
  if (value === undefined) {
    at([], 'seller.address is missing', 'Give { "street", "building_number", "postal_code", "city", "country" }.');
    return undefined;
  }
  if (!isObject(value)) {
    at(['address'], 'seller.address must be an object: { "street", "building_number", "postal_code", "city", "country" }');
    return undefined;
  }
  unknownKeys(value, ADDRESS_KEYS, ['address']);
  const country = textAt(value, ['address', 'country'], { check: (t) => (/^[A-Z]{2}$/.test(t) ? undefined : `"${t}" is not a country code: two capital letters, such as DK`), example: 'DK' });
  const street = textAt(value, ['address', 'street'], { example: 'Halfdansgade' });
  const buildingNumber = textAt(value, ['address', 'building_number'], { example: '8' });
  const postalCode = textAt(value, ['address', 'postal_code'], {
    check: (t) => (country !== 'DK' || /^\d{4}$/.test(t) ? undefined : `"${t}" is not a Danish postal code: 4 digits`),
    example: '2300',
  });
  const city = textAt(value, ['address', 'city'], { example: 'København S' });
  if (!street || !buildingNumber || !postalCode || !city || !country) return undefined;
  return { street, buildingNumber, postalCode, city, country };
}

function readBank(value: unknown, textAt: TextAt, at: At, unknownKeys: UnknownKeys): BankAccount | undefined {
  const shape = '{ "reg_no": "1234", "account_no": "1234567890" } and/or { "iban": "DK…", "bic": "…" }';
  if (value === undefined) {
    at([], 'seller.bank is missing: the e-invoices must say where to pay', `Give ${shape}.`);
    return undefined;
  }
  if (!isObject(value)) {
    at(['bank'], `seller.bank must be an object: ${shape}`);
    return undefined;
  }
  unknownKeys(value, BANK_KEYS, ['bank']);
  const optional = { optional: true };
  const regNo = textAt(value, ['bank', 'reg_no'], { ...optional, check: (t) => (/^\d{4}$/.test(t) ? undefined : `"${t}" is not a registration number: 4 digits`) });
  const accountNo = textAt(value, ['bank', 'account_no'], { ...optional, check: (t) => (/^\d{1,10}$/.test(t) ? undefined : `"${t}" is not a Danish account number: up to 10 digits`) });
  const iban = textAt(value, ['bank', 'iban'], { ...optional, check: ibanProblem });
  const bic = textAt(value, ['bank', 'bic'], { ...optional, check: bicProblem });
  const given = (key: string) => value[key] !== undefined && value[key] !== null;
  if (given('reg_no') !== given('account_no')) at(['bank'], 'seller.bank needs both reg_no and account_no, or neither');
  if (given('iban') !== given('bic')) at(['bank'], 'seller.bank needs both iban and bic, or neither');
  if (!given('reg_no') && !given('account_no') && !given('iban') && !given('bic')) at(['bank'], `seller.bank names no account: give ${shape}`);
  return { ...(regNo ? { regNo } : {}), ...(accountNo ? { accountNo } : {}), ...(iban ? { iban } : {}), ...(bic ? { bic } : {}) };
}

/** A seller problem for a caller that found `seller` missing where it is needed. */
export function missingSeller(file: string | undefined): InputProblem {
  return {
    file: file ?? 'flis.config.json',
    message: 'no seller in the config: e-invoices need the seller\'s name, CVR, VAT number, address, bank account, payment terms and e-mail',
    hint: 'Add a "seller" object to the config; see docs/reference.md, section E-invoices.',
  };
}
