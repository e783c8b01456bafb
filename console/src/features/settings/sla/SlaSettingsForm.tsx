import { Alert, Button, Center, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { slaSettingsInput, type SlaSettingsDto } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { BusinessHoursEditor } from '../hours/BusinessHoursEditor.tsx';
import { cleanHours, invalidIntervals } from '../hours/hours.ts';
import { issuesAt, serverIssues } from '../serverIssues.ts';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import { useSaveSlaSettings, useSlaSettings } from './queries.ts';

type Parsed = { success: true; data: SlaSettingsDto } | { success: false; error: { issues: { path: PropertyKey[] }[] } };

/** The contract's schema, plus the server's own hours rule (closing after opening) and no overlapping intervals. */
export const slaSettingsSchema = {
  safeParse(value: unknown): Parsed {
    const parsed = slaSettingsInput.safeParse(value);
    if (!parsed.success) return { success: false, error: { issues: parsed.error.issues } };
    if (invalidIntervals(parsed.data.businessHours).size > 0) return { success: false, error: { issues: [{ path: ['businessHours'] }] } };
    return { success: true, data: { ...parsed.data, businessHours: cleanHours(parsed.data.businessHours) } };
  },
};

const whole = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

/** The workspace's opening hours and holidays, auto-resolving of silent pending conversations, and re-routing after going offline. */
export function SlaSettingsForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const query = useSlaSettings();
  const save = useSaveSlaSettings();
  const form = useSettingsDraft({ data: query.data, schema: slaSettingsSchema, save, readOnly, prefix: 'sla.settings' });

  if (query.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  const { value, set, error, submit, dirty, invalid, cancel } = form;
  if (!value) return <ErrorAlert error={query.error} />;
  const hoursRefused = issuesAt(serverIssues(save.error), 'businessHours').length > 0;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="sla-settings-form">
      <Stack gap="md">
        <div>
          <Title order={2} size="h5">{t('sla.settings.hoursTitle')}</Title>
          <Text size="xs" c="dimmed">{t('sla.settings.hoursHelp')}</Text>
        </div>
        <BusinessHoursEditor value={value.businessHours} readOnly={readOnly} onChange={(businessHours) => set({ businessHours })}
          error={error('businessHours') ?? (hoursRefused ? t('sla.settings.invalid.businessHours') : undefined)} />

        <div>
          <Title order={2} size="h5">{t('sla.settings.autoResolveTitle')}</Title>
          <Text size="xs" c="dimmed">{t('sla.settings.autoResolveHelp')}</Text>
        </div>
        <Switch label={t('sla.settings.autoResolve')} checked={value.autoResolvePendingDays !== null} disabled={readOnly}
          onChange={(e) => set({ autoResolvePendingDays: e.currentTarget.checked ? 7 : null })} data-testid="sla-auto-resolve" />
        {value.autoResolvePendingDays !== null && (
          <>
            <NumberInput w={220} label={t('sla.settings.autoResolveDays')} min={1} max={90} allowDecimal={false} allowNegative={false} disabled={readOnly}
              value={Number.isFinite(value.autoResolvePendingDays) ? value.autoResolvePendingDays : ''} error={error('autoResolvePendingDays')}
              onChange={(v) => set({ autoResolvePendingDays: whole(v) })} data-testid="sla-auto-resolve-days" />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {(['vi', 'en'] as const).map((lang) => (
                <Textarea key={lang} label={t('sla.settings.closingMessage', { language: t(`languages.${lang}`) })} autosize minRows={2} maxLength={1000}
                  disabled={readOnly} value={value.autoResolveMessage[lang]} error={error('autoResolveMessage')}
                  onChange={(e) => set({ autoResolveMessage: { ...value.autoResolveMessage, [lang]: e.currentTarget.value } })} data-testid={`sla-closing-${lang}`} />
              ))}
            </SimpleGrid>
          </>
        )}

        <div>
          <Title order={2} size="h5">{t('sla.settings.rerouteTitle')}</Title>
          <Text size="xs" c="dimmed">{t('sla.settings.rerouteHelp')}</Text>
        </div>
        <Group align="flex-end" gap="md">
          <Switch label={t('sla.settings.reroute')} checked={value.rerouteOfflineMinutes !== null} disabled={readOnly} mb={8}
            onChange={(e) => set({ rerouteOfflineMinutes: e.currentTarget.checked ? 10 : null })} data-testid="sla-reroute" />
          {value.rerouteOfflineMinutes !== null && (
            <NumberInput w={220} label={t('sla.settings.rerouteMinutes')} min={1} max={1440} allowDecimal={false} allowNegative={false} disabled={readOnly}
              value={Number.isFinite(value.rerouteOfflineMinutes) ? value.rerouteOfflineMinutes : ''} error={error('rerouteOfflineMinutes')}
              onChange={(v) => set({ rerouteOfflineMinutes: whole(v) })} data-testid="sla-reroute-minutes" />
          )}
        </Group>

        {invalid && <Alert color="red" p="xs" role="alert">{t('errors.validation_failed')}</Alert>}
        {save.error && <ErrorAlert error={save.error} />}
        {!readOnly && (
          <Group justify="flex-end">
            {dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
            <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="sla-settings-save">{t('common.save')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
