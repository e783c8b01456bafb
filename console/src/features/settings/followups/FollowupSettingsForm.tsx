import { Alert, Button, Center, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { followupSettingsInput } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import { useFormat } from '../../../ui/useFormat.ts';
import { hourChoices, quietSummary } from './hours.ts';
import { useFollowupSettings, useSaveFollowupSettings } from './queries.ts';

const num = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

/** Quiet hours, the frequency cap across rules, and how long after a send a purchase counts as its result. */
export function FollowupSettingsForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useFollowupSettings();
  const save = useSaveFollowupSettings();
  const form = useSettingsDraft({ data: query.data, schema: followupSettingsInput, save, readOnly, prefix: 'followups.settings' });

  if (query.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  const { value, set, error, submit, dirty, invalid, cancel } = form;
  if (!value) return <ErrorAlert error={query.error} />;
  const quiet = quietSummary(value.quietFrom, value.quietTo);

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="followup-settings-form">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <div>
            <Title order={2} size="h5">{t('followups.settings.title')}</Title>
            <Text size="xs" c="dimmed">{t('followups.settings.help')}</Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('followups.settings.quietFrom')} value={String(value.quietFrom)} data={hourChoices} allowDeselect={false}
              onChange={(v) => v && set({ quietFrom: Number(v) })} error={error('quietFrom')} data-testid="followup-quiet-from" />
            <Select label={t('followups.settings.quietTo')} value={String(value.quietTo)} data={hourChoices} allowDeselect={false}
              onChange={(v) => v && set({ quietTo: Number(v) })} error={error('quietTo')} data-testid="followup-quiet-to" />
          </SimpleGrid>
          <Text size="xs" c="dimmed" data-testid="followup-quiet-summary">
            {t(`followups.settings.quiet.${quiet.key}`, { from: quiet.from, to: quiet.to, timezone: format.timeZone })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput label={t('followups.settings.capDays')} description={t('followups.settings.capDaysHelp')} value={Number.isFinite(value.capDays) ? value.capDays : ''}
              min={1} max={365} allowDecimal={false} allowNegative={false} onChange={(v) => set({ capDays: num(v) })} error={error('capDays')} data-testid="followup-cap-days" />
            <NumberInput label={t('followups.settings.attributionDays')} description={t('followups.settings.attributionDaysHelp')} value={Number.isFinite(value.attributionDays) ? value.attributionDays : ''}
              min={1} max={90} allowDecimal={false} allowNegative={false} onChange={(v) => set({ attributionDays: num(v) })} error={error('attributionDays')}
              data-testid="followup-attribution-days" />
          </SimpleGrid>
          {invalid && <Alert color="red" p="xs" role="alert">{t('errors.validation_failed')}</Alert>}
          {save.error && <ErrorAlert error={save.error} />}
          {!readOnly && (
            <Group justify="flex-end">
              {dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
              <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="followup-settings-save">{t('common.save')}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </Paper>
  );
}
