import { useId, useState } from 'react';
import { Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatPoints, overdraws, toInteger } from './money.ts';
import { newRequestKey } from '../../lib/requestKey.ts';
import { useAdjustPoints, useRedeemPoints } from './queries.ts';

/**
 * Redeem (any agent, up to the balance, retried safely with one idempotency key) or adjust
 * (supervisors and above, may be negative, needs a reason).
 */
export function PointsForm({ contactId, mode, balance, onDone }: { contactId: string; mode: 'redeem' | 'adjust'; balance: number; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const vi = i18n.language.startsWith('vi');
  const redeem = useRedeemPoints(contactId);
  const adjust = useAdjustPoints(contactId);
  const mutation = mode === 'redeem' ? redeem : adjust;
  const [points, setPoints] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [key] = useState(newRequestKey);
  const overId = useId();
  const value = toInteger(points);
  const over = overdraws(mode, value, balance);
  const valid = value !== null && value !== 0 && !over && (mode === 'adjust' ? reason.trim().length > 0 : value > 0);

  const submit = () => {
    if (!valid || value === null) return;
    const input = mode === 'redeem' ? { points: value, reason: reason.trim() || null, idempotencyKey: key } : { points: value, reason: reason.trim() };
    mutation.mutate(input, { onSuccess: onDone });
  };

  return (
    <Stack gap={4} data-testid={`points-${mode}-form`}>
      <ErrorAlert error={mutation.error} />
      <Group gap={4} wrap="nowrap" align="flex-end">
        <NumberInput size="xs" w={90} label={t('commerce.loyalty.points')} value={points} onChange={setPoints} allowDecimal={false}
          allowNegative={mode === 'adjust'} min={mode === 'redeem' ? 1 : undefined} max={mode === 'redeem' ? balance : undefined}
          thousandSeparator={vi ? '.' : ','} decimalSeparator={vi ? ',' : '.'} data-testid="points-input"
          error={over} aria-describedby={over ? overId : undefined} />
        <TextInput size="xs" style={{ flex: 1 }} label={mode === 'adjust' ? t('commerce.loyalty.reasonRequired') : t('commerce.loyalty.reason')}
          value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} data-testid="points-reason" />
      </Group>
      {over && (
        <Text id={overId} size="xs" c="red" role="alert" data-testid="points-over-balance">
          {t('commerce.loyalty.overBalance', { points: formatPoints(balance, i18n.language) })}
        </Text>
      )}
      <Group gap={4} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button size="compact-xs" disabled={!valid} loading={mutation.isPending} onClick={submit} data-testid="points-submit">
          {mode === 'redeem' ? t('commerce.loyalty.redeem') : t('commerce.loyalty.adjust')}
        </Button>
      </Group>
    </Stack>
  );
}
