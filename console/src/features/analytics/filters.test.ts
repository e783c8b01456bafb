import { describe, expect, it } from 'vitest';
import { filtersQuery, readFilters, writeFilters } from './filters.ts';

describe('overview filters in the URL', () => {
  it('reads valid filters and drops the rest', () => {
    expect(readFilters(new URLSearchParams('from=2025-01-01&to=2025-12-31&period=quarter&source=shopify&segment=at_risk'))).toEqual({
      from: '2025-01-01', to: '2025-12-31', period: 'quarter', source: 'shopify', segment: 'at_risk',
    });
    expect(readFilters(new URLSearchParams('from=01/01/2025&period=week&segment=vip&source=%20'))).toEqual({ period: 'month' });
    expect(readFilters(new URLSearchParams('from=0002-06-30&to=2025-13-45'))).toEqual({ period: 'month' });
  });

  it('puts a reversed range right', () => {
    expect(readFilters(new URLSearchParams('from=2025-12-31&to=2025-01-01'))).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('writes only what differs from the defaults and keeps other params', () => {
    const params = writeFilters(new URLSearchParams('tab=overview&source=csv'), { period: 'month', segment: 'loyal' });
    expect(params.toString()).toBe('tab=overview&segment=loyal');
    expect(writeFilters(new URLSearchParams(), { period: 'year', from: '2024-01-01' }).toString()).toBe('from=2024-01-01&period=year');
  });

  it('sends the period always, and nothing for empty filters', () => {
    expect(filtersQuery({ period: 'month' })).toEqual({ from: undefined, to: undefined, period: 'month', source: undefined, segment: undefined });
  });
});
