import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/engine/dates.js';
import { parseRosterDate, readRoster } from '../../src/readers/roster.js';
import { problemsOf } from './read.js';

const rosterFile = (path: string) => readRoster(path, createReadStream(path));
async function* text(content: string) {
  yield Buffer.from(content);
}
const rosterText = (content: string) => readRoster('roster.csv', text(content));

describe('the shipped roster', () => {
  it('connects all 98 municipalities from 2024-01-01, each with its line', async () => {
    const roster = await rosterFile('fixtures/roster/all-98-from-2024-01-01.csv');
    expect(roster.connections).toHaveLength(98);
    expect(roster.connections.every((c) => formatDate(c.availableFrom) === '2024-01-01' && !c.pilotStart && !c.exitDate && !c.ean)).toBe(true);
    expect(roster.connections[0]).toMatchObject({ municipality: { code: '101', name: 'København' }, source: { file: 'fixtures/roster/all-98-from-2024-01-01.csv', line: 2 } });
  });
});

describe('the shipped roster for e-invoices', () => {
  it('connects all 98 from 2024-01-01, each with an illustrative EAN (GS1 prefix 200, restricted circulation) and a reference', async () => {
    const roster = await rosterFile('fixtures/roster/all-98-illustrative-ean-reference.csv');
    expect(roster.connections).toHaveLength(98);
    expect(roster.connections.every((c) => c.ean!.startsWith('2000000') && c.ean!.slice(7, 10) === c.municipality.code)).toBe(true);
    expect(roster.connections.find((c) => c.municipality.code === '461')).toMatchObject({ ean: '2000000461007', reference: 'Økonomi FLIS 461' });
    expect(roster.notices).toEqual([]);
  });
});

describe('the reference column (personreference)', () => {
  it('is read as one line of text, trimmed; empty is none', async () => {
    const roster = await rosterText('kommune;available_from;ean;reference\n461;2024-01-01;5901234123457; Lone Hansen, 4711 \n101;2024-01-01;;\n');
    expect(roster.connections.map((c) => c.reference)).toEqual(['Lone Hansen, 4711', undefined]);
  });

  it('a line break or a control character in it is refused at its line: the e-invoice would not carry it as written', async () => {
    const problems = await problemsOf(rosterText('kommune;available_from;reference\n461;2024-01-01;"Lone\nHansen"\n101;2024-01-01;"a\u0007b"\n'));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'reference: "Lone Hansen" contains a line break'],
      [4, 'reference: "a b" contains a control character (U+0007)'],
    ]);
  });

  it('a shortened name of it is refused, not ignored', async () => {
    const problems = await problemsOf(rosterText('kommune;available_from;ref\n461;2024-01-01;4711\n'));
    expect(problems[0]!.message).toBe('unknown column "ref"');
  });
});

describe('the invoice address and the account string (kontostreng)', () => {
  const HEADER = 'kommune;available_from;reference;street;building_number;postal_code;city;kontostreng';

  it('an address given whole overrides the one flis has; none given, none read; the account string as written', async () => {
    const roster = await rosterText(`${HEADER}\n101;2024-01-01;R;Rådhuspladsen;1;1599;København V;1234-5678 90\n461;2024-01-01;;;;;;\n`);
    expect(roster.connections.map((c) => [c.invoiceAddress, c.kontostreng])).toEqual([
      [{ street: 'Rådhuspladsen', buildingNumber: '1', postalCode: '1599', city: 'København V' }, '1234-5678 90'],
      [undefined, undefined],
    ]);
    const buildings = await rosterText(`${HEADER}\n101;2024-01-01;;Egevangen;3B;2980;Kokkedal;\n461;2024-01-01;;Stengade;59-61;3000;Helsingør;\n`);
    expect(buildings.connections.map((c) => c.invoiceAddress?.buildingNumber)).toEqual(['3B', '59-61']);
  });

  it('each value is checked at its line: a postal code of 4 digits, a building number, names with letters, all four or none', async () => {
    const problems = await problemsOf(
      rosterText(
        `${HEADER}\n` +
          '101;2024-01-01;;Rådhuspladsen;1;DK-1599;København V;\n' + // postal code
          '461;2024-01-01;;Flakhaven;2 A;5000;Odense C;\n' + // a space in the building number
          '851;2024-01-01;;Boulevarden;13;;;\n' + // postal code and city missing
          '751;2024-01-01;;1234;2;8000;8000;\n', // names without a letter
      ),
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'postal_code: "DK-1599" is not a Danish postal code: 4 digits, such as 5000'],
      [3, 'building_number: "2 A" is not a building number: a number, perhaps with a letter or as a range, such as 7, 3B or 59-61'],
      [4, 'the invoice address of Aalborg (851) has no postal_code, city'],
      [5, 'street: "1234" is not a name: it has no letter'],
      [5, 'city: "8000" is not a name: it has no letter'],
    ]);
    expect(problems[2]!.hint).toMatch(/An invoice address is given whole: street, building_number, postal_code, city; or leave all four empty/);
  });

  it('text that goes on the invoice and into its CSV never starts a formula, nor holds a line break', async () => {
    const problems = await problemsOf(
      rosterText(
        `${HEADER}\n` +
          '101;2024-01-01;=1+1;;;;;\n' +
          '461;2024-01-01;;@SUM(A1);2;5000;Odense C;\n' +
          '851;2024-01-01;;;;;;+4511\n' +
          '751;2024-01-01;;;;;;"-1\n2"\n',
      ),
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'reference: "=1+1" starts with "=", which a spreadsheet would read as a formula'],
      [3, 'street: "@SUM(A1)" starts with "@", which a spreadsheet would read as a formula'],
      [4, 'kontostreng: "+4511" starts with "+", which a spreadsheet would read as a formula'],
      [5, 'kontostreng: "-1 2" contains a line break'],
    ]);
  });
});

describe('roster lines', () => {
  it('read codes or names, both date formats, pilot, exit and EAN, with `,` and a BOM', async () => {
    const roster = await rosterText(
      '\uFEFFKommune,Available_From,pilot_start,exit_date,ean,comment\r\n' +
        'Odense,15-03-2025,2025-03-15,,5901234123457,pilot\r\n' +
        '0101,2024-01-01,,2031-10-01,,\r\n' +
        'Århus,2024-01-01,,,,\r\n',
    );
    expect(
      roster.connections.map((c) => ({
        code: c.municipality.code,
        from: formatDate(c.availableFrom),
        pilot: c.pilotStart && formatDate(c.pilotStart),
        exit: c.exitDate && formatDate(c.exitDate),
        ean: c.ean,
        line: c.source.line,
      })),
    ).toEqual([
      { code: '461', from: '2025-03-15', pilot: '2025-03-15', exit: undefined, ean: '5901234123457', line: 2 },
      { code: '101', from: '2024-01-01', pilot: undefined, exit: '2031-10-01', ean: undefined, line: 3 },
      { code: '751', from: '2024-01-01', pilot: undefined, exit: undefined, ean: undefined, line: 4 },
    ]);
  });

  it('an EAN is one municipality\'s: the same EAN twice, or all zeros, is refused at its line', async () => {
    const problems = await problemsOf(rosterText('kommune;available_from;ean\n461;2024-01-01;5901234123457\n101;2024-01-01;5901234123457\n147;2024-01-01;0000000000000\n'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 3, culprit: '5901234123457', message: "EAN 5901234123457 is also Odense (461)'s (line 2): an EAN addresses one buyer, so one municipality's e-invoice would reach the other" }),
      expect.objectContaining({ line: 4, message: 'EAN 0000000000000 is all zeros: no buyer has it' }),
    ]);
  });

  it('headers written with spaces or hyphens, and columns flis does not use are named in a notice', async () => {
    const roster = await rosterText('Kommune;Available From;exitdate;navn\n461;2024-01-01;2030-01-01;Odense Kommune\n');
    expect(formatDate(roster.connections[0]!.exitDate!)).toBe('2030-01-01');
    expect(roster.notices).toEqual(['roster.csv: the roster\'s column "navn" is not one flis uses; it is ignored']);
  });

  it('a column cut short or misspelt is refused, not ignored', async () => {
    for (const header of ['exit', 'exit_dato', 'pilot_strt', 'eann']) {
      const problems = await problemsOf(rosterText(`kommune;available_from;${header}\n461;2024-01-01;2030-01-01\n`));
      expect(problems[0]!.message, header).toBe(`unknown column "${header}"`);
    }
  });

  it('columns in any order', async () => {
    const roster = await rosterText('available_from;kommune\n2024-01-01;Odense\n');
    expect(roster.connections[0]!.municipality.code).toBe('461');
  });

  it('reports every problem at once', async () => {
    const problems = await problemsOf(rosterText('kommune;available_from;ean\nOdens;2024-01-01;\n461;2025-02-30;\n101;2024-01-01;123\n'));
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });

  it('refuses a roster with nobody on it', async () => {
    const problems = await problemsOf(rosterText('kommune;available_from\n'));
    expect(problems[0]!.message).toMatch(/lists no municipality/);
  });
});

describe('refusals, each with its file and line', () => {
  it.each([
    ['roster-unknown-municipality.csv', 3, /unknown municipality: "Odens" is not a Danish municipality/, /Did you mean Odense \(461\)/],
    ['roster-duplicate-municipality.csv', 4, /Odense \(461\) is on the roster twice \(also on line 2\)/, /merge/],
    ['roster-exit-before-available.csv', 2, /exit_date 2025-02-01 is not after available_from 2025-03-01/, /first day no longer connected/],
    ['roster-impossible-date.csv', 2, /available_from: "2025-02-30" is not a real calendar day/, undefined],
    ['roster-bad-date-format.csv', 2, /"2025\/01\/01" is not a date: write YYYY-MM-DD/, undefined],
    ['roster-out-of-range-date.csv', 2, /"1899-01-01" is out of range/, undefined],
    ['roster-bad-ean-check-digit.csv', 2, /EAN 5798000012345 has a wrong check digit: the last digit should be 9/, undefined],
    ['roster-ean-not-13-digits.csv', 2, /"57980000123" is not an EAN: it must be 13 digits/, undefined],
    ['roster-unknown-column.csv', 1, /unknown column "exit_dato"/, /Did you mean "exit_date"/],
    ['roster-missing-column.csv', 1, /the header has no "available_from" column/, undefined],
    ['roster-aggregate.csv', 2, /"Hele landet" is not a municipality/, undefined],
    ['roster-empty-available-from.csv', 2, /available_from is empty for Odense \(461\)/, undefined],
  ])('%s', async (name, line, message, hint) => {
    const file = `fixtures/errors/${name}`;
    const problems = await problemsOf(rosterFile(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line, message: expect.stringMatching(message) });
    if (hint) expect(problems[0]!.hint).toMatch(hint);
  });
});

describe('a roster is not exported from Statistics Denmark: its hints say what can be done with it', () => {
  it.each([
    ['mojibake', Buffer.from('kommune;available_from\nKÃ¸benhavn;2024-01-01\n'), /^Correct the characters marked, or save the file again from where it was made, as "CSV UTF-8"\.$/],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kommune;available_from\n', 'utf16le')]), /^Save it as "CSV UTF-8"\.$/],
    ['empty', Buffer.alloc(0), /^Check that the right file was given/],
  ])('%s', async (_, bytes, hint) => {
    async function* content() {
      yield bytes;
    }
    const [problem] = await problemsOf(readRoster('roster.csv', content()));
    expect(problem!.hint).toMatch(hint);
    expect(problem!.hint).not.toMatch(/Statistics Denmark|export/i);
  });
});

describe('dates and EANs', () => {
  it('dates: YYYY-MM-DD, DD-MM-YYYY and DD.MM.YYYY (as flis prints them in Danish), real days only', () => {
    expect(parseRosterDate('2024-02-29')).toEqual({ ok: true, date: { year: 2024, month: 2, day: 29 } });
    expect(parseRosterDate('29-02-2024')).toEqual({ ok: true, date: { year: 2024, month: 2, day: 29 } });
    expect(parseRosterDate(' 29.02.2024 ')).toEqual({ ok: true, date: { year: 2024, month: 2, day: 29 } });
    expect(parseRosterDate('29-02-2025').ok).toBe(false);
    expect(parseRosterDate('29.02.2025')).toEqual({ ok: false, message: '"29.02.2025" is not a real calendar day' });
    expect(parseRosterDate('2024-2-1').ok).toBe(false);
    expect(parseRosterDate('01.02.1999')).toEqual({ ok: false, message: '"01.02.1999" is out of range: flis takes dates from 2000 to 2099' });
  });

  it('a roster with DD.MM.YYYY dates reads as the same roster in YYYY-MM-DD', async () => {
    const read = async (text: string) => {
      async function* content() {
        yield Buffer.from(text);
      }
      return (await readRoster('roster.csv', content())).connections.map((c) => [c.municipality.code, c.availableFrom, c.pilotStart, c.exitDate]);
    };
    const dotted = await read('kommune;available_from;pilot_start;exit_date\n461;01.03.2024;15.01.2024;01.01.2027\n');
    expect(dotted).toEqual(await read('kommune;available_from;pilot_start;exit_date\n461;2024-03-01;2024-01-15;2027-01-01\n'));
    expect(dotted[0]![1]).toEqual({ year: 2024, month: 3, day: 1 });
  });

});
