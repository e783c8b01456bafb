import { NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompensationSettings } from '@careloop/contracts';
import type { OfferDraft } from './cost.ts';
import { formatVnd } from './money.ts';

type Set = (patch: Partial<OfferDraft>) => void;

function Amount(props: NumberInputProps & { testId: string }) {
  const { i18n } = useTranslation();
  const vi = i18n.language.startsWith('vi');
  const { testId, ...rest } = props;
  return (
    <NumberInput size="xs" allowDecimal={false} allowNegative={false} min={0} thousandSeparator={vi ? '.' : ','} decimalSeparator={vi ? ',' : '.'}
      suffix=" ₫" data-testid={testId} {...rest} />
  );
}

function Days({ draft, set }: { draft: OfferDraft; set: Set }) {
  const { t } = useTranslation();
  return (
    <NumberInput size="xs" label={t('commerce.compensation.expiresInDays')} value={draft.expiresInDays} onChange={(v) => set({ expiresInDays: v })}
      min={1} max={730} allowDecimal={false} allowNegative={false} data-testid="compensation-expiry" />
  );
}

/** The fields of the chosen kind. Amounts are whole đồng. */
export function OfferFields({ draft, set, settings }: { draft: OfferDraft; set: Set; settings: CompensationSettings | undefined }) {
  const { t, i18n } = useTranslation();
  const money = (n: number) => formatVnd(n, i18n.language);
  switch (draft.kind) {
    case 'apology':
      return (
        <Textarea label={t('commerce.compensation.message')} autosize minRows={3} maxRows={8} maxLength={4000} value={draft.message}
          onChange={(e) => set({ message: e.currentTarget.value })} data-testid="compensation-message" />
      );
    case 'voucher':
      return (
        <Stack gap={6}>
          <SegmentedControl size="xs" value={draft.voucherType} onChange={(v) => set({ voucherType: v as OfferDraft['voucherType'] })}
            data={[{ value: 'percent', label: t('commerce.compensation.percent') }, { value: 'fixed', label: t('commerce.compensation.fixed') }]}
            data-testid="compensation-voucher-type" />
          <SimpleGrid cols={2} spacing={6}>
            {draft.voucherType === 'percent' ? (
              <NumberInput size="xs" label={t('commerce.compensation.percentValue')} value={draft.value} onChange={(v) => set({ value: v })}
                min={1} max={100} allowDecimal={false} allowNegative={false} suffix=" %" data-testid="compensation-value" />
            ) : (
              <Amount label={t('commerce.compensation.fixedValue')} value={draft.value} onChange={(v) => set({ value: v })} testId="compensation-value" />
            )}
            {draft.voucherType === 'percent' && (
              <Amount label={t('commerce.compensation.maxDiscount')} placeholder={t('commerce.compensation.optional')} value={draft.maxDiscount}
                onChange={(v) => set({ maxDiscount: v })} testId="compensation-max-discount" />
            )}
            <Amount label={t('commerce.compensation.minOrder')} value={draft.minOrder} onChange={(v) => set({ minOrder: v })} testId="compensation-min-order" />
            <Days draft={draft} set={set} />
          </SimpleGrid>
        </Stack>
      );
    case 'free_shipping':
      return (
        <SimpleGrid cols={2} spacing={6}>
          <Amount label={t('commerce.compensation.shippingValue')} value={draft.shippingValue} onChange={(v) => set({ shippingValue: v })}
            placeholder={settings ? money(settings.freeShippingCost) : undefined} testId="compensation-shipping-value" />
          <Days draft={draft} set={set} />
        </SimpleGrid>
      );
    case 'points':
      return (
        <Stack gap={2}>
          <NumberInput size="xs" label={t('commerce.loyalty.points')} value={draft.points} onChange={(v) => set({ points: v })} min={1}
            allowDecimal={false} allowNegative={false} data-testid="compensation-points" />
          {settings && <Text size="xs" c="dimmed">{t('commerce.compensation.pointValue', { amount: money(settings.pointValue) })}</Text>}
        </Stack>
      );
    case 'replacement':
      return (
        <Stack gap={6}>
          <Amount label={t('commerce.compensation.replacementCost')} value={draft.cost} onChange={(v) => set({ cost: v })} testId="compensation-replacement-cost" />
          <TextInput size="xs" label={t('commerce.compensation.replacementItems')} value={draft.items} maxLength={1000}
            onChange={(e) => set({ items: e.currentTarget.value })} data-testid="compensation-replacement-items" />
        </Stack>
      );
    case 'refund':
      return <Amount label={t('commerce.compensation.refundAmount')} value={draft.amount} onChange={(v) => set({ amount: v })} testId="compensation-refund-amount" />;
  }
}
