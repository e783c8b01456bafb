import { useState } from 'react';
import { Badge, Button, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { IconGift } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { canAdjustPoints } from './authority.ts';
import { formatPoints, formatVnd } from './money.ts';
import { PointsForm } from './PointsForm.tsx';
import { useLoyalty } from './queries.ts';
import { tierProgress } from './status.ts';

/** Points balance, tier with its benefits, progress to the next tier, what expires soon; redeem and adjust. */
export function LoyaltyPanel({ contactId, className }: { contactId: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const loyalty = useLoyalty(contactId);
  const [form, setForm] = useState<'redeem' | 'adjust' | null>(null);
  const lang = i18n.language;
  const l = loyalty.data;

  return (
    <section className={className} data-testid="loyalty-panel" aria-label={t('commerce.loyalty.title')}>
      <Group gap={4} mb={4}>
        <IconGift size={14} aria-hidden />
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('commerce.loyalty.title')}</Text>
      </Group>
      {loyalty.isLoading && <Loader size="xs" aria-label={t('common.loading')} />}
      {loyalty.error && <ErrorAlert error={loyalty.error} testId="loyalty-error" />}
      {l && !l.enabled && <Text size="xs" c="dimmed">{t('commerce.loyalty.disabled')}</Text>}
      {l && l.enabled && (
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="lg" fw={700} data-testid="loyalty-balance" data-points={l.balance}>
              {t('commerce.loyalty.balance', { points: formatPoints(l.balance, lang) })}
            </Text>
            {l.tier && <Badge variant="light" color="grape" data-testid="loyalty-tier">{l.tier.name}</Badge>}
          </Group>
          {l.tier?.benefits && <Text size="xs" c="dimmed" data-testid="loyalty-benefits">{l.tier.benefits}</Text>}
          {l.nextTier && (
            <div data-testid="loyalty-next-tier">
              <Progress size="sm" value={tierProgress(l.spend12m, l.tier?.minSpend, l.nextTier.minSpend)} aria-label={t('commerce.loyalty.progress')} />
              <Text size="xs" c="dimmed" mt={2}>
                {t('commerce.loyalty.toNextTier', { amount: formatVnd(Math.max(0, l.nextTier.minSpend - l.spend12m), lang), tier: l.nextTier.name })}
              </Text>
            </div>
          )}
          {l.expiringSoon > 0 && (
            <Text size="xs" c="orange.8" data-testid="loyalty-expiring">{t('commerce.loyalty.expiringSoon', { points: formatPoints(l.expiringSoon, lang) })}</Text>
          )}
          {form ? (
            <PointsForm key={form} contactId={contactId} mode={form} balance={l.balance} onDone={() => setForm(null)} />
          ) : (
            <Group gap={4}>
              <Button size="compact-xs" variant="light" disabled={l.balance <= 0} onClick={() => setForm('redeem')} data-testid="loyalty-redeem">
                {t('commerce.loyalty.redeem')}
              </Button>
              {canAdjustPoints(me.agent.role) && (
                <Button size="compact-xs" variant="default" onClick={() => setForm('adjust')} data-testid="loyalty-adjust">
                  {t('commerce.loyalty.adjust')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}
