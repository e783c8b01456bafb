import { describe, expect, it } from 'vitest';
import { queryClient } from '../../testing/fixtures.ts';
import { shopKeys } from '../settings/shop/shopApi.ts';
import { commerceKeys } from './keys.ts';

describe('commerceKeys', () => {
  it('clears every contact\'s loyalty with one prefix, but not the programme\'s settings', async () => {
    const qc = queryClient();
    qc.setQueryData(commerceKeys.loyalty('contact_1'), { balance: 0 });
    qc.setQueryData(commerceKeys.loyalty('contact_2'), { balance: 5 });
    qc.setQueryData(shopKeys.loyalty, { enabled: true });
    await qc.invalidateQueries({ queryKey: commerceKeys.loyalties });
    expect(qc.getQueryState(commerceKeys.loyalty('contact_1'))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(commerceKeys.loyalty('contact_2'))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(shopKeys.loyalty)!.isInvalidated).toBe(false);
  });
});
