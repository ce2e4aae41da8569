import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/engine/dates.js';
import { type RunId, runWindow } from '../../src/engine/runs.js';
import { day } from '../support.js';

const window = (run: RunId, year: number, availableFrom: string): string | undefined => {
  const w = runWindow(run, year, day(availableFrom));
  return w && `${formatDate(w.from)}..${formatDate(w.to)}`;
};

describe('run windows (§6)', () => {
  it('available before 1 February: H1 is January–June, H2 July–December, no DEC', () => {
    for (const from of ['2025-01-01', '2025-01-31', '2024-01-01']) {
      expect(window('H1', 2025, from)).toBe('2025-01-01..2025-06-30');
      expect(window('H2', 2025, from)).toBe('2025-07-01..2025-12-31');
      expect(window('DEC', 2025, from)).toBeUndefined();
    }
  });

  it('available 1 February – 31 August: no H1; H2 from the available-from date', () => {
    expect(window('H1', 2025, '2025-02-01')).toBeUndefined();
    expect(window('H2', 2025, '2025-02-01')).toBe('2025-02-01..2025-12-31');
    expect(window('H2', 2025, '2025-08-31')).toBe('2025-08-31..2025-12-31');
    expect(window('DEC', 2025, '2025-08-31')).toBeUndefined();
  });

  it('available 1 September – 31 December: DEC from the available-from date only', () => {
    expect(window('H1', 2025, '2025-09-01')).toBeUndefined();
    expect(window('H2', 2025, '2025-09-01')).toBeUndefined();
    expect(window('DEC', 2025, '2025-09-01')).toBe('2025-09-01..2025-12-31');
    expect(window('DEC', 2025, '2025-12-31')).toBe('2025-12-31..2025-12-31');
  });

  it('in the years after, simply H1 and H2; before it, nothing', () => {
    expect(window('H1', 2026, '2025-09-01')).toBe('2026-01-01..2026-06-30');
    expect(window('H2', 2026, '2025-09-01')).toBe('2026-07-01..2026-12-31');
    expect(window('DEC', 2026, '2025-09-01')).toBeUndefined();
    expect(window('H1', 2024, '2025-01-01')).toBeUndefined();
    expect(window('H2', 2024, '2025-01-01')).toBeUndefined();
  });
});
