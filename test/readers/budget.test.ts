import { describe, expect, it } from 'vitest';
import { readBudget } from '../../src/readers/budget.js';
import { inOneChunk } from '../../src/readers/text.js';
import { problemsOf } from './read.js';

const budget = (text: string) => readBudget('budget.csv', inOneChunk(Buffer.from(text)));

describe('budget files', () => {
  it('read costs of 0 or more, with a decimal point or comma', async () => {
    const read = await budget('year;amount\n2024;43000000\n2025;0\n2026;43500000,50\n');
    expect([...read.costs].map(([year, cost]) => [year, cost.toFixed(2)])).toEqual([[2024, '43000000.00'], [2025, '0.00'], [2026, '43500000.50']]);
  });

  it('refuse a negative cost at its line, the amount marked', async () => {
    const problems = await problemsOf(budget('year;amount\n2024;43000000\n2025;-450000000\n2026;-1,50\n'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 2, culprit: '-450000000', message: 'a negative cost: "-450000000"' }),
      expect.objectContaining({ line: 4, message: 'a negative cost: "-1,50"' }),
    ]);
  });
});
