import { describe, expect, it } from 'vitest';
import type { CohortRow } from '@careloop/contracts';
import { cohortWidth, heatColor, heatIntensity, scaleMax } from './heatmap.ts';

const row = (over: Partial<CohortRow> = {}): CohortRow => ({
  cohort: '2025-01', size: 100, revenue: 1_000_000, retention: [0.2, 0.1], cumulative: [0.2, 0.25], revenueRetention: [0.5, null], incompleteHistory: false, ...over,
});

describe('cohort colour scale', () => {
  it('scales to the largest value of the chosen measure', () => {
    const rows = [row(), row({ cohort: '2025-02', retention: [0.3], cumulative: [0.3], revenueRetention: [1.4] })];
    expect(scaleMax(rows, 'retention')).toBe(0.3);
    expect(scaleMax(rows, 'revenueRetention')).toBe(1.4);
    expect(scaleMax([row({ retention: [0, 0] })], 'retention')).toBeNull();
    expect(cohortWidth(rows)).toBe(2);
    expect(cohortWidth([])).toBe(0);
  });

  it('clamps the intensity to 0 … 1', () => {
    expect(heatIntensity(0.15, 0.3)).toBe(0.5);
    expect(heatIntensity(0.6, 0.3)).toBe(1);
    expect(heatIntensity(-1, 0.3)).toBe(0);
    expect(heatIntensity(0.2, null)).toBe(0);
    expect(heatIntensity(null, 0.3)).toBe(0);
  });

  it('darkens with the value and switches to white text on dark cells', () => {
    expect(heatColor(0, 0.3)).toEqual({ background: 'hsl(231, 62%, 97%)', color: '#1a1b1e' });
    expect(heatColor(0.3, 0.3)).toEqual({ background: 'hsl(231, 62%, 35%)', color: '#ffffff' });
    const mid = heatColor(0.15, 0.3);
    expect(mid.background).toBe('hsl(231, 62%, 66%)');
    expect(mid.color).toBe('#1a1b1e');
  });

  it('leaves a month without data uncoloured', () => {
    expect(heatColor(null, 0.3).background).toBe('transparent');
  });
});
