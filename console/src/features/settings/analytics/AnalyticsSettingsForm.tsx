import { Alert, Button, Center, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { analyticsSettingsInput, transactionModels, type AnalyticsSettings } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import { useAnalyticsSettings, useSaveAnalyticsSettings } from '../../analytics/queries.ts';

const recoveryChoices = [30, 60, 90, 180] as const;
const num = (v: number | string, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Currency, margin, discount rate, horizon, model choice, recovery window, complaint labels and product-cycle thresholds of the analytics. */
export function AnalyticsSettingsForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const query = useAnalyticsSettings();
  const save = useSaveAnalyticsSettings();
  const form = useSettingsDraft({ data: query.data, schema: analyticsSettingsInput, save, readOnly, prefix: 'analytics.settings' });

  if (query.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  const { value, set, error, submit, dirty, invalid, cancel } = form;
  if (!value) return <ErrorAlert error={query.error} />;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate maw={920} data-testid="analytics-settings-form">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('analytics.settings.currency')} description={t('analytics.settings.currencyHelp')} value={value.currency} maxLength={3}
              onChange={(e) => set({ currency: e.currentTarget.value.toUpperCase() })} error={error('currency')} data-testid="analytics-currency" />
            <Select label={t('analytics.settings.model')} description={t('analytics.settings.modelHelp')} value={value.model} allowDeselect={false}
              data={[{ value: 'auto', label: t('analytics.settings.modelAuto') }, ...transactionModels.map((m) => ({ value: m, label: t(`analytics.models.${m}`) }))]}
              onChange={(v) => v && set({ model: v as AnalyticsSettings['model'] })} data-testid="analytics-model" />
            <NumberInput label={t('analytics.settings.grossMargin')} description={t('analytics.settings.grossMarginHelp')} value={value.grossMarginPct}
              min={0} max={100} decimalScale={1} suffix=" %" onChange={(v) => set({ grossMarginPct: num(v, 0) })} error={error('grossMarginPct')} data-testid="analytics-margin" />
            <NumberInput label={t('analytics.settings.discount')} description={t('analytics.settings.discountHelp')} value={value.annualDiscountPct}
              min={0} max={100} decimalScale={1} suffix=" %" onChange={(v) => set({ annualDiscountPct: num(v, 0) })} error={error('annualDiscountPct')} data-testid="analytics-discount" />
            <NumberInput label={t('analytics.settings.horizon')} description={t('analytics.settings.horizonHelp')} value={value.horizonDays}
              min={7} max={1095} allowDecimal={false} allowNegative={false} onChange={(v) => set({ horizonDays: num(v, 0) })} error={error('horizonDays')} data-testid="analytics-horizon" />
            <Select label={t('analytics.settings.recovery')} description={t('analytics.settings.recoveryHelp')} value={String(value.recoveryDays)} allowDeselect={false}
              data={recoveryChoices.map((d) => ({ value: String(d), label: t('analytics.units.days', { count: d, value: String(d) }) }))}
              onChange={(v) => v && set({ recoveryDays: Number(v) as AnalyticsSettings['recoveryDays'] })} data-testid="analytics-recovery" />
          </SimpleGrid>
          <TagsInput label={t('analytics.settings.complaintLabels')} description={t('analytics.settings.complaintLabelsHelp')} value={value.complaintLabels}
            maxTags={20} clearable={!readOnly} onChange={(labels) => set({ complaintLabels: labels })} error={error('complaintLabels')} data-testid="analytics-complaint-labels" />
          <Text fw={600} size="sm" mt="xs">{t('analytics.settings.productCycles')}</Text>
          <Text size="xs" c="dimmed" mt={-6}>{t('analytics.settings.productCyclesHelp')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput label={t('analytics.settings.cycleMinGaps')} value={value.productCycles.minGaps} min={2} max={100_000} allowDecimal={false} allowNegative={false}
              onChange={(v) => set({ productCycles: { ...value.productCycles, minGaps: num(v, 0) } })} data-testid="analytics-cycle-min-gaps" />
            <NumberInput label={t('analytics.settings.cycleMinCustomers')} value={value.productCycles.minCustomers} min={2} max={100_000} allowDecimal={false} allowNegative={false}
              onChange={(v) => set({ productCycles: { ...value.productCycles, minCustomers: num(v, 0) } })} data-testid="analytics-cycle-min-customers" />
            <NumberInput label={t('analytics.settings.cycleMaxSpread')} description={t('analytics.settings.cycleMaxSpreadHelp')} value={value.productCycles.maxSpread}
              min={0.05} max={5} step={0.1} decimalScale={2} onChange={(v) => set({ productCycles: { ...value.productCycles, maxSpread: num(v, 0) } })} data-testid="analytics-cycle-max-spread" />
          </SimpleGrid>
          {error('productCycles') && <Text c="red" size="xs" role="alert">{error('productCycles')}</Text>}
          {invalid && <Alert color="red" p="xs" role="alert">{t('errors.validation_failed')}</Alert>}
          {save.error && <ErrorAlert error={save.error} />}
          {!readOnly && (
            <Group justify="flex-end">
              {dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
              <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="analytics-settings-save">{t('common.save')}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </Paper>
  );
}
