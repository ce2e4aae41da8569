// A budget file: the costs the project's income must cover, one line per year (general terms §5).
//
//   year;amount
//   2024;43000000
//   2025;43500000.50
//
// `;` or `,` between the fields; UTF-8 with or without BOM. Amounts in DKK, a decimal point or (with `;`) a
// decimal comma, at most two decimals, no thousands separators, 0 or more. Every problem is reported with its
// line: a year twice, a malformed year or amount, a negative cost, a missing column. Which years must be there
// is the command's to say.

import { ProblemList } from '../errors.js';
import { Decimal } from '../engine/money.js';
import { type CsvRecord, fieldProblem, isBlankRecord, parseCsv, refuseNotCsv, sniffDelimiter } from './csv.js';
import { decodeText } from './text.js';

export interface BudgetRead {
  readonly file: string;
  readonly costs: ReadonlyMap<number, Decimal>;
  /** The line of each year, for messages. */
  readonly lines: ReadonlyMap<number, number>;
}

const HINT = 'A budget file has a header row "year;amount" and one line per year, e.g. 2025;43500000.00.';

export async function readBudget(file: string, bytes: AsyncIterable<Uint8Array>): Promise<BudgetRead> {
  const text = await decodeText(file, bytes, 'other');
  refuseNotCsv(file, text.head);
  const delimiter = sniffDelimiter(text.head);
  const problems = new ProblemList();
  const costs = new Map<number, Decimal>();
  const lines = new Map<number, number>();
  let columns: { year: number; amount: number } | undefined;
  await parseCsv(file, text.chunks, delimiter, (record: CsvRecord) => {
    if (isBlankRecord(record.fields)) return;
    if (!columns) {
      const names = record.fields.map((f) => f.trim().toLowerCase());
      const year = names.indexOf('year');
      const amount = names.indexOf('amount');
      if (year === -1 || amount === -1) {
        problems.add(fieldProblem(file, record, 'the header row must name the columns year and amount', HINT));
        columns = { year: -1, amount: -1 };
        return;
      }
      columns = { year, amount };
      return;
    }
    if (columns.year === -1) return;
    const yearText = (record.fields[columns.year] ?? '').trim();
    const amountText = (record.fields[columns.amount] ?? '').trim();
    if (!/^\d{4}$/.test(yearText)) {
      problems.add(fieldProblem(file, record, `"${yearText}" is not a year`, HINT, columns.year + 1, yearText));
      return;
    }
    const normalised = delimiter === ';' ? amountText.replace(',', '.') : amountText;
    if (/^-\d+(\.\d{1,2})?$/.test(normalised)) {
      problems.add(fieldProblem(file, record, `a negative cost: "${amountText}"`, 'Costs are what the income must cover: 0 or more DKK. Check the sign of the amount.', columns.amount + 1, amountText));
      return;
    }
    if (!/^\d+(\.\d{1,2})?$/.test(normalised)) {
      problems.add(fieldProblem(file, record, `"${amountText}" is not an amount in DKK (digits, at most two decimals, no thousands separators)`, HINT, columns.amount + 1, amountText));
      return;
    }
    const year = Number(yearText);
    if (costs.has(year)) {
      problems.add(fieldProblem(file, record, `${year} is given twice (first on line ${lines.get(year)})`, HINT, columns.year + 1, yearText));
      return;
    }
    costs.set(year, new Decimal(normalised));
    lines.set(year, record.line);
  });
  if (!columns) problems.add({ file, message: 'the budget file is empty', hint: HINT });
  problems.throwIfAny();
  return { file, costs, lines };
}
