import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { surveySettingsInput, type SurveyDefinitionDto, type SurveySettingsDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { hourChoices, quietSummary } from '../settings/followups/hours.ts';
import { deliveryByChannel } from './delivery.ts';
import { num, shown } from './numbers.ts';
import { clientErrors, errorAt, mergeErrors, serverErrors, type FieldErrors } from './fieldErrors.ts';
import { useSaveSurveySettings, useSurveyDefinitions, useSurveySettings } from './queries.ts';


const deliveryColor = { inline: 'teal', link: 'indigo', none: 'gray' } as const;

/** The survey sent on resolve: the first enabled CSAT (or CES) survey, the built-in CSAT first. */
export function defaultResolveSurvey(definitions: readonly SurveyDefinitionDto[]): string | null {
  const usable = definitions.filter((d) => d.kind !== 'nps');
  return (usable.find((d) => d.builtin === 'csat' && d.enabled) ?? usable.find((d) => d.enabled) ?? usable[0])?.id ?? null;
}

/** CSAT on resolve, when and how often, the recovery thresholds and the campaigns' quiet hours. */
export function ResolveSettingsForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const query = useSurveySettings();
  const definitions = useSurveyDefinitions();
  if (query.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  if (!query.data) return <ErrorAlert error={query.error} />;
  return <SettingsBody key={JSON.stringify(query.data)} saved={query.data} definitions={definitions.data ?? []} readOnly={readOnly} />;
}

function SettingsBody({ saved, definitions, readOnly }: { saved: SurveySettingsDto; definitions: SurveyDefinitionDto[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const save = useSaveSurveySettings();
  const [value, setValue] = useState(saved);
  const [client, setClient] = useState<FieldErrors>(new Map());
  const dirty = JSON.stringify(value) !== JSON.stringify(saved);
  const errors = mergeErrors(client, serverErrors(save.error));
  const set = (patch: Partial<SurveySettingsDto>) => setValue((v) => ({ ...v, ...patch }));
  const setRecovery = (patch: Partial<SurveySettingsDto['recovery']>) => setValue((v) => ({ ...v, recovery: { ...v.recovery, ...patch } }));
  const err = (path: string) => { const key = errorAt(errors, path); return key ? t(key) : undefined; };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = clientErrors(surveySettingsInput, value);
    setClient(found);
    if (found.size > 0 || readOnly) return;
    save.mutate(value, { onSuccess: () => notifications.show({ color: 'teal', message: t('surveys.settings.saved') }) });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="survey-settings-form">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <div>
            <Title order={2} size="h5">{t('surveys.settings.title')}</Title>
            <Text size="xs" c="dimmed">{t('surveys.settings.help')}</Text>
          </div>
          <ResolveFields value={value} set={set} err={err} definitions={definitions} />
          <ChannelList />
          <RecoveryFields value={value.recovery} set={setRecovery} err={err} />
          <QuietFields value={value} set={set} err={err} />
          {client.size > 0 && <Alert color="red" p="xs" role="alert" data-testid="survey-settings-invalid">{t('errors.validation_failed')}</Alert>}
          {save.error && <ErrorAlert error={save.error} testId="survey-settings-error" />}
          {!readOnly && (
            <Group justify="flex-end">
              {dirty && <Button variant="default" onClick={() => { setValue(saved); setClient(new Map()); save.reset(); }}>{t('common.cancel')}</Button>}
              <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="survey-settings-save">{t('common.save')}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </Paper>
  );
}

type Err = (path: string) => string | undefined;

function ResolveFields({ value, set, err, definitions }: { value: SurveySettingsDto; set: (p: Partial<SurveySettingsDto>) => void; err: Err; definitions: SurveyDefinitionDto[] }) {
  const { t } = useTranslation();
  const on = value.resolveSurveyId !== null;
  const chosen = definitions.find((d) => d.id === value.resolveSurveyId);
  const options = definitions.filter((d) => d.kind !== 'nps' || d.id === value.resolveSurveyId)
    .map((d) => ({ value: d.id, label: `${d.name} · ${t(`surveys.kinds.${d.kind}`)}${d.enabled ? '' : ` (${t('surveys.definitions.off')})`}` }));
  return (
    <Stack gap="xs">
      <Switch checked={on} label={t('surveys.settings.onResolve')} description={t('surveys.settings.onResolveHelp')} data-testid="survey-on-resolve"
        onChange={(e) => set({ resolveSurveyId: e.currentTarget.checked ? defaultResolveSurvey(definitions) : null })} />
      {on && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('surveys.settings.resolveSurvey')} value={value.resolveSurveyId} data={options} allowDeselect={false} error={err('resolveSurveyId')}
            onChange={(id) => id && set({ resolveSurveyId: id })} data-testid="survey-resolve-survey" />
          <NumberInput label={t('surveys.settings.delayMinutes')} description={t('surveys.settings.delayMinutesHelp')} value={shown(value.delayMinutes)}
            min={0} max={10080} allowDecimal={false} allowNegative={false} error={err('delayMinutes')} onChange={(v) => set({ delayMinutes: num(v) })} data-testid="survey-delay" />
          <NumberInput label={t('surveys.settings.cooldownDays')} description={t('surveys.settings.cooldownDaysHelp')} value={shown(value.cooldownDays)}
            min={0} max={365} allowDecimal={false} allowNegative={false} error={err('cooldownDays')} onChange={(v) => set({ cooldownDays: num(v) })} data-testid="survey-cooldown" />
          <NumberInput label={t('surveys.settings.linkDays')} description={t('surveys.settings.linkDaysHelp')} value={shown(value.linkDays)}
            min={1} max={90} allowDecimal={false} allowNegative={false} error={err('linkDays')} onChange={(v) => set({ linkDays: num(v) })} data-testid="survey-link-days" />
        </SimpleGrid>
      )}
      {on && chosen && !chosen.enabled && <Alert color="yellow" p="xs" data-testid="survey-resolve-disabled">{t('surveys.settings.chosenDisabled', { name: chosen.name })}</Alert>}
      {on && (
        <Switch checked={value.skipUpset} label={t('surveys.settings.skipUpset')} description={t('surveys.settings.skipUpsetHelp')}
          onChange={(e) => set({ skipUpset: e.currentTarget.checked })} data-testid="survey-skip-upset" />
      )}
    </Stack>
  );
}

/** Which channels get the survey and how (not a setting: the channel decides). */
function ChannelList() {
  const { t } = useTranslation();
  return (
    <div data-testid="survey-channels">
      <Text size="sm" fw={500}>{t('surveys.settings.channels')}</Text>
      <Text size="xs" c="dimmed" mb={4}>{t('surveys.settings.channelsHelp')}</Text>
      <Table verticalSpacing={2} withRowBorders={false} maw={520}>
        <Table.Tbody>
          {deliveryByChannel.map(({ channel, delivery }) => (
            <Table.Tr key={channel} data-testid="survey-channel" data-channel={channel} data-delivery={delivery}>
              <Table.Td><Text size="xs">{t(`channels.${channel}`)}</Text></Table.Td>
              <Table.Td><Badge size="xs" variant="light" color={deliveryColor[delivery]} tt="none">{t(`surveys.delivery.${delivery}`)}</Badge></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function RecoveryFields({ value, set, err }: { value: SurveySettingsDto['recovery']; set: (p: Partial<SurveySettingsDto['recovery']>) => void; err: Err }) {
  const { t } = useTranslation();
  const field = (key: 'csatMax' | 'npsMax' | 'cesMax' | 'windowDays', min: number, max: number) => (
    <NumberInput label={t(`surveys.settings.recovery.${key}`)} value={shown(value[key])} min={min} max={max} allowDecimal={false} allowNegative={false}
      error={err(`recovery.${key}`)} onChange={(v) => set({ [key]: num(v) })} data-testid={`survey-recovery-${key}`} />
  );
  return (
    <Stack gap="xs">
      <Switch checked={value.enabled} label={t('surveys.settings.recovery.enabled')} description={t('surveys.settings.recovery.help')}
        onChange={(e) => set({ enabled: e.currentTarget.checked })} data-testid="survey-recovery-enabled" />
      {value.enabled && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {field('csatMax', 1, 5)}
          {field('npsMax', 0, 10)}
          {field('cesMax', 1, 7)}
          {field('windowDays', 1, 365)}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function QuietFields({ value, set, err }: { value: SurveySettingsDto; set: (p: Partial<SurveySettingsDto>) => void; err: Err }) {
  const { t } = useTranslation();
  const format = useFormat();
  const quiet = quietSummary(value.quietFrom, value.quietTo);
  return (
    <div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select label={t('surveys.settings.quietFrom')} value={String(value.quietFrom)} data={hourChoices} allowDeselect={false} error={err('quietFrom')}
          onChange={(v) => v && set({ quietFrom: Number(v) })} data-testid="survey-quiet-from" />
        <Select label={t('surveys.settings.quietTo')} value={String(value.quietTo)} data={hourChoices} allowDeselect={false} error={err('quietTo')}
          onChange={(v) => v && set({ quietTo: Number(v) })} data-testid="survey-quiet-to" />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4} data-testid="survey-quiet-summary">
        {t(`surveys.settings.quiet.${quiet.key}`, { from: quiet.from, to: quiet.to, timezone: format.timeZone })}
      </Text>
    </div>
  );
}
