// The identifiers an invoice carries, each with its check: a GLN (EAN location number), a Danish CVR number, an
// IBAN and a BIC. Each check returns what is wrong in words, or undefined when the identifier is sound.

/** A GLN/EAN-13: 13 digits whose last is the GS1 mod-10 check digit of the first 12. */
export function glnProblem(text: string): string | undefined {
  if (!/^\d{13}$/.test(text)) return `"${text}" is not an EAN: it must be 13 digits`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(text[i]) * (i % 2 === 0 ? 1 : 3);
  const check = (10 - (sum % 10)) % 10;
  if (check !== Number(text[12])) return `EAN ${text} has a wrong check digit: the last digit should be ${check}`;
  return undefined;
}

/** A CVR number: 8 digits, not starting with 0, whose weighted sum (2 7 6 5 4 3 2 1) is divisible by 11. */
export function cvrProblem(text: string): string | undefined {
  if (!/^[1-9]\d{7}$/.test(text)) return `"${text}" is not a CVR number: it must be 8 digits, the first not 0`;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(text[i]), 0);
  if (sum % 11 !== 0) return `CVR ${text} fails the modulus-11 check: a digit is wrong`;
  return undefined;
}

/** An IBAN, written without spaces: country, two check digits, the account (ISO 13616, mod 97 = 1). */
export function ibanProblem(text: string): string | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(text)) {
    return `"${text}" is not an IBAN: two capital letters, two check digits, then the account, without spaces`;
  }
  if (text.startsWith('DK') && text.length !== 18) return `"${text}" is not a Danish IBAN: DK IBANs have 18 characters`;
  const rearranged = text.slice(4) + text.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = c >= 'A' ? String(c.charCodeAt(0) - 55) : c;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  if (remainder !== 1) return `IBAN ${text} fails its check digits (mod 97): a character is wrong`;
  return undefined;
}

/** A BIC (SWIFT code): bank, country, location, and optionally a branch: 8 or 11 characters. */
export function bicProblem(text: string): string | undefined {
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(text)) return `"${text}" is not a BIC: 8 or 11 capital letters and digits, such as DABADKKK`;
  return undefined;
}

/**
 * A buyer's reference (personreference): one line of text. Neither OIOUBL 2.1 (Contact/ID, an Identifier) nor
 * Peppol BIS 3.0 (BuyerReference, BT-10, Text) limits its length; both are XML text, and an Identifier is a
 * normalized string, in which a line break or tab would be read as a space. So control characters, line breaks
 * and tabs are refused: the reference on the invoice would not be the one in the roster.
 */
export function referenceProblem(text: string): string | undefined {
  const bad = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/.exec(text);
  if (!bad) return undefined;
  const code = bad[0].charCodeAt(0);
  const what = code === 0x0a || code === 0x0d ? 'a line break' : code === 0x09 ? 'a tab' : `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `"${text.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')}" contains ${what}`;
}

/**
 * Text that lands in a CSV cell: a spreadsheet runs a cell that starts with =, +, - or @ as a formula (and one
 * that starts with a tab or a carriage return is read the same way by some). Such text is refused where it is
 * read, so that no file flis writes carries a formula.
 */
export function formulaProblem(text: string): string | undefined {
  const first = text.charAt(0);
  if (!'=+-@\t\r'.includes(first) || first === '') return undefined;
  const shown = first === '\t' ? 'a tab' : first === '\r' ? 'a carriage return' : `"${first}"`;
  return `"${text.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')}" starts with ${shown}, which a spreadsheet would read as a formula`;
}

/** One line of text that goes on an invoice and into its CSV: no control characters, no formula. */
export function invoiceTextProblem(text: string): string | undefined {
  return referenceProblem(text) ?? formulaProblem(text);
}

/** A Danish postal code: 4 digits. */
export function postalCodeProblem(text: string): string | undefined {
  return /^\d{4}$/.test(text) ? undefined : `"${text}" is not a Danish postal code: 4 digits, such as 5000`;
}

/** A building number (husnummer): a number, perhaps a letter, perhaps a range: 7, 3B, 59-61. No spaces. */
export function buildingNumberProblem(text: string): string | undefined {
  const part = '[1-9][0-9]{0,3}[A-Za-zÆØÅæøå]?';
  return new RegExp(`^${part}(-${part})?$`).test(text) ? undefined : `"${text}" is not a building number: a number, perhaps with a letter or as a range, such as 7, 3B or 59-61`;
}

/** A street or city name: one line of text with a letter in it. */
export function placeNameProblem(text: string): string | undefined {
  return invoiceTextProblem(text) ?? (/\p{L}/u.test(text) ? undefined : `"${text}" is not a name: it has no letter`);
}
