import { describe, expect, it } from 'vitest';
import { isKnownStep, noteText } from './runText.ts';

describe('noteText', () => {
  it('recognises the "too little data" note with its figures', () => {
    const note = 'Too little data for a model yet: 120 customers (needs 300), 14 repeat customers (needs 50), 75 days of history (needs 120).';
    expect(noteText(note)).toEqual({
      key: 'analytics.run.notes.tooLittle',
      values: { customers: 120, needCustomers: 300, repeaters: 14, needRepeaters: 50, days: 75, needDays: 120 },
    });
  });

  it('recognises the boundary note and keeps any other note as it is', () => {
    expect(noteText('No dropout is detectable in this data yet (a parameter is at its limit); treat churn figures with care.')).toEqual({ key: 'analytics.run.notes.boundary', values: {} });
    expect(noteText('Something new')).toEqual({ text: 'Something new' });
  });

  it('knows the refresh steps', () => {
    expect(isKnownStep('models')).toBe(true);
    expect(isKnownStep('products')).toBe(true);
    expect(isKnownStep('later')).toBe(false);
  });
});
