import { describe, expect, it } from 'vitest';
import { hourLabel, quietSummary } from './hours.ts';
import { rate, resultsView, ruleCondition } from './results.ts';

describe('results', () => {
  it('rates replies and purchases over the messages sent', () => {
    expect(resultsView({ sent: 8, replied: 2, purchased: 1, skipped: 3 })).toEqual({
      sent: 8, replied: 2, purchased: 1, skipped: 3, repliedRate: 0.25, purchasedRate: 0.125,
    });
  });

  it('has no rate before anything was sent, and never above 100 %', () => {
    expect(rate(0, 0)).toBeNull();
    expect(resultsView({ sent: 0, replied: 0, purchased: 0, skipped: 5 })).toMatchObject({ repliedRate: null, purchasedRate: null });
    expect(rate(3, 2)).toBe(1);
  });

  it('describes when each kind sends', () => {
    expect(ruleCondition({ kind: 'post_purchase', days: 3, minPAlive: 0.3, segments: [], basis: 'customer' })).toEqual({ key: 'post_purchase', count: 3 });
    expect(ruleCondition({ kind: 'repurchase', days: 30, minPAlive: 0.355, segments: [], basis: 'customer' })).toEqual({ key: 'repurchase', count: 36 });
    expect(ruleCondition({ kind: 'repurchase', days: 30, minPAlive: 0.5, segments: [], basis: 'product' })).toEqual({ key: 'repurchase_product', count: 50 });
    expect(ruleCondition({ kind: 'winback', days: 60, minPAlive: 0.3, segments: ['at_risk'], basis: 'customer' })).toEqual({ key: 'winback', count: 60 });
  });
});

describe('quiet hours', () => {
  it('shows hours as HH:00 and equal hours as no quiet time', () => {
    expect(hourLabel(6)).toBe('06:00');
    expect(quietSummary(22, 6)).toEqual({ key: 'on', from: '22:00', to: '06:00' });
    expect(quietSummary(0, 0).key).toBe('off');
  });
});
