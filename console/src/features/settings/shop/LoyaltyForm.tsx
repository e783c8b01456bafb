import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Center, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { loyaltySettingsInput, type LoyaltySettings } from '@careloop/contracts';
import { useMe } from '../../../app/session.ts';
import { api } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { commerceKeys } from '../../commerce/keys.ts';
import { MoneyInput } from './MoneyInput.tsx';
import { putJson, shopKeys } from './shopApi.ts';

const maxTiers = 10;
type Tier = LoyaltySettings['tiers'][number];

/** Points earned per amount spent, when they expire, and the tiers by 12-month spend. */
export function LoyaltyForm() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const query = useQuery({ queryKey: shopKeys.loyalty, queryFn: () => api.get<LoyaltySettings>('/loyalty/settings') });
  const [draft, setDraft] = useState<LoyaltySettings | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: (body: LoyaltySettings) => putJson<LoyaltySettings>('/loyalty/settings', body, me.csrfToken),
    meta: { handlesError: true },
    onSuccess: (saved) => {
      qc.setQueryData(shopKeys.loyalty, saved);
      // Sidebars show tiers and progress by these rules.
      void qc.invalidateQueries({ queryKey: commerceKeys.loyalties });
      setDraft(null);
      setSubmitted(false);
      notifications.show({ color: 'teal', message: t('common.saved') });
    },
  });

  if (query.isLoading) return <Center p="md"><Loader /></Center>;
  const value = draft ?? query.data;
  if (!value) return <ErrorAlert error={query.error} />;
  const set = (patch: Partial<LoyaltySettings>) => setDraft({ ...value, ...patch });
  const setTier = (index: number, patch: Partial<Tier>) => set({ tiers: value.tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) });
  const parsed = loyaltySettingsInput.safeParse(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (parsed.success) save.mutate(parsed.data);
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="loyalty-form">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h5">{t('shop.loyalty.title')}</Title>
            <Text size="xs" c="dimmed">{t('shop.loyalty.help')}</Text>
          </div>
          <Switch checked={value.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} label={t('shop.loyalty.enabled')} data-testid="loyalty-enabled" />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput label={t('shop.loyalty.earnPoints')} value={value.earnPoints} min={0} max={10_000} allowDecimal={false} allowNegative={false}
            onChange={(v) => set({ earnPoints: Number(v) || 0 })} data-testid="loyalty-earn-points" />
          <MoneyInput label={t('shop.loyalty.perAmount')} value={value.perAmount} max={100_000_000} onChange={(v) => set({ perAmount: v })}
            error={submitted && value.perAmount < 1 ? t('shop.validation.perAmount') : undefined} data-testid="loyalty-per-amount" />
          <Stack gap={4}>
            <NumberInput label={t('shop.loyalty.expiryMonths')} value={value.expiryMonths ?? ''} min={1} max={120} allowDecimal={false} allowNegative={false}
              disabled={value.expiryMonths === null} onChange={(v) => set({ expiryMonths: Number(v) || 1 })} data-testid="loyalty-expiry" />
            <Switch size="xs" checked={value.expiryMonths === null} label={t('shop.loyalty.neverExpire')}
              onChange={(e) => set({ expiryMonths: e.currentTarget.checked ? null : 12 })} data-testid="loyalty-never-expire" />
          </Stack>
        </SimpleGrid>
        <Text size="xs" c="dimmed">{t('shop.loyalty.earnSummary', { points: value.earnPoints, amount: formatNumber(value.perAmount, i18n.language) })}</Text>
        <div>
          <Text size="sm" fw={600} mb={4}>{t('shop.loyalty.tiers')}</Text>
          <Table verticalSpacing={4} data-testid="loyalty-tiers">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('shop.loyalty.tierName')}</Table.Th><Table.Th>{t('shop.loyalty.minSpend')}</Table.Th><Table.Th>{t('shop.loyalty.benefits')}</Table.Th><Table.Th /></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.tiers.map((tier, i) => (
                <Table.Tr key={i} data-testid="loyalty-tier">
                  <Table.Td><TextInput size="xs" value={tier.name} maxLength={60} aria-label={t('shop.loyalty.tierName')}
                    error={submitted && !tier.name.trim() ? t('shop.validation.tierName') : undefined} onChange={(e) => setTier(i, { name: e.currentTarget.value })} /></Table.Td>
                  <Table.Td><MoneyInput size="xs" value={tier.minSpend} max={100_000_000_000} aria-label={t('shop.loyalty.minSpend')} onChange={(v) => setTier(i, { minSpend: v })} /></Table.Td>
                  <Table.Td><TextInput size="xs" value={tier.benefits} maxLength={1000} aria-label={t('shop.loyalty.benefits')} onChange={(e) => setTier(i, { benefits: e.currentTarget.value })} /></Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('shop.loyalty.removeTier', { name: tier.name })} data-testid="loyalty-tier-remove"
                      onClick={() => set({ tiers: value.tiers.filter((_, j) => j !== i) })}><IconTrash size={14} aria-hidden /></ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button size="compact-sm" variant="subtle" mt={4} leftSection={<IconPlus size={14} aria-hidden />} disabled={value.tiers.length >= maxTiers}
            onClick={() => set({ tiers: [...value.tiers, { name: '', minSpend: 0, benefits: '' }] })} data-testid="loyalty-tier-add">{t('shop.loyalty.addTier')}</Button>
        </div>
        {submitted && !parsed.success && <Alert color="red" p="xs" role="alert">{t('errors.validation_failed')}</Alert>}
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          {draft && <Button variant="default" onClick={() => { setDraft(null); setSubmitted(false); }}>{t('common.cancel')}</Button>}
          <Button type="submit" loading={save.isPending} disabled={!draft} data-testid="loyalty-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
