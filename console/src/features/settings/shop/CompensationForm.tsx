import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { compensationSettingsInput, type CompensationSettings } from '@careloop/contracts';
import { useMe } from '../../../app/session.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useCompensationSettings } from '../../commerce/compensationQueries.ts';
import { commerceKeys } from '../../commerce/keys.ts';
import { LimitInput, MoneyInput } from './MoneyInput.tsx';
import { putJson } from './shopApi.ts';

/** Owners are always unlimited on the server: their limit is shown, not edited, and saved as null. */
const limitedRoles = ['agent', 'supervisor', 'admin'] as const;
const maxMoney = 10_000_000_000;

/** How much each role may give per case without approval, the monthly budget, and what free shipping and points cost. */
export function CompensationForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const query = useCompensationSettings();
  const [draft, setDraft] = useState<CompensationSettings | null>(null);
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (body: CompensationSettings) => putJson<CompensationSettings>('/compensation/settings', body, me.csrfToken),
    meta: { handlesError: true },
    onSuccess: (saved) => {
      qc.setQueryData(commerceKeys.settings, saved);
      void qc.invalidateQueries({ queryKey: commerceKeys.budget });
      setDraft(null);
      notifications.show({ color: 'teal', message: t('common.saved') });
    },
  });

  if (query.isLoading) return <Center p="md"><Loader /></Center>;
  const value = draft ?? query.data;
  if (!value) return <ErrorAlert error={query.error} />;
  const set = (patch: Partial<CompensationSettings>) => setDraft({ ...value, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = compensationSettingsInput.safeParse({ ...value, limits: { ...value.limits, owner: null } });
    setInvalid(!parsed.success);
    if (parsed.success) save.mutate(parsed.data);
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="compensation-form">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">{t('shop.compensation.title')}</Title>
          <Text size="xs" c="dimmed">{t('shop.compensation.help')}</Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {limitedRoles.map((role) => (
            <LimitInput key={role} label={t('shop.compensation.limitFor', { role: t(`roles.${role}`) })} value={value.limits[role]} max={maxMoney}
              unlimitedLabel={t('shop.compensation.unlimited')} testId={`limit-${role}`}
              onChange={(v) => set({ limits: { ...value.limits, [role]: v } })} />
          ))}
          <TextInput label={t('shop.compensation.limitFor', { role: t('roles.owner') })} value={t('shop.compensation.unlimited')} readOnly disabled
            description={t('shop.compensation.ownerAlways')} data-testid="limit-owner" />
        </SimpleGrid>
        <LimitInput label={t('shop.compensation.monthlyBudget')} value={value.monthlyBudget} max={maxMoney}
          unlimitedLabel={t('shop.compensation.noBudget')} testId="monthly-budget" onChange={(v) => set({ monthlyBudget: v })} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MoneyInput label={t('shop.compensation.freeShippingCost')} description={t('shop.compensation.freeShippingHelp')} max={maxMoney}
            value={value.freeShippingCost} onChange={(v) => set({ freeShippingCost: v })} data-testid="free-shipping-cost" />
          <MoneyInput label={t('shop.compensation.pointValue')} description={t('shop.compensation.pointValueHelp')} max={1_000_000}
            value={value.pointValue} onChange={(v) => set({ pointValue: v })} data-testid="point-value" />
        </SimpleGrid>
        {invalid && <Alert color="red" p="xs" role="alert">{t('errors.validation_failed')}</Alert>}
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          {draft && <Button variant="default" onClick={() => setDraft(null)}>{t('common.cancel')}</Button>}
          <Button type="submit" loading={save.isPending} disabled={!draft} data-testid="compensation-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
