import { describe, expect, it } from 'vitest';
import { Decimal, formatAmount, formatExact, roundToOre } from '../../src/engine/money.js';

describe('money', () => {
  it('rounds to øre half away from zero', () => {
    expect(roundToOre(new Decimal('178641.305')).toFixed(2)).toBe('178641.31');
    expect(roundToOre(new Decimal('0.005')).toFixed(2)).toBe('0.01');
    expect(roundToOre(new Decimal('0.0049999')).toFixed(2)).toBe('0.00');
    expect(roundToOre(new Decimal('-0.005')).toFixed(2)).toBe('-0.01');
    expect(roundToOre(new Decimal('2.675')).toFixed(2)).toBe('2.68'); // 2.675 as a double would round down
  });

  it('formats amounts with exactly two decimals and never as -0.00', () => {
    expect(formatAmount(new Decimal('1622634.06'))).toBe('1622634.06');
    expect(formatAmount(new Decimal('7'))).toBe('7.00');
    expect(formatAmount(new Decimal('-0'))).toBe('0.00');
    expect(() => formatAmount(new Decimal('1.005'))).toThrow(/whole øre/);
    expect(() => formatAmount(new Decimal('-0.001'))).toThrow(/whole øre/);
    expect(() => formatAmount(new Decimal(Infinity))).toThrow(/whole øre/);
  });

  it('formats exact values with every significant decimal', () => {
    expect(formatExact(new Decimal('7.96'))).toBe('7.96');
    expect(formatExact(new Decimal('0.5'))).toBe('0.50');
    expect(formatExact(new Decimal('7.955'))).toBe('7.955');
    expect(formatExact(new Decimal('150000'), 0)).toBe('150000');
    expect(formatExact(new Decimal('-0.5'), 0)).toBe('-0.5');
    expect(formatExact(new Decimal('1e-40'))).toBe(`0.${'0'.repeat(39)}1`);
    expect(formatExact(new Decimal('1e70'))).toBe(`1${'0'.repeat(70)}.00`);
  });
});
