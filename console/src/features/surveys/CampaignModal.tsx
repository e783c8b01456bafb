import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { segmentNames, surveyCampaignInput, surveyLimits, type SegmentName, type SurveyDefinitionDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import type { CampaignDraft } from './campaignForm.ts';
import { clientErrors, errorAt, mergeErrors, serverErrors, type FieldErrors } from './fieldErrors.ts';
import { num, shown } from './numbers.ts';
import { useSaveCampaign } from './queries.ts';

/** The campaign being created or edited; `draft` is its starting point (the modal keeps its own copy). */
export function CampaignModal({ draft, definitions, readOnly, onClose }: { draft: CampaignDraft | null; definitions: SurveyDefinitionDto[]; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = !draft?.id ? t('surveys.campaigns.create') : readOnly ? t('surveys.campaigns.view') : t('surveys.campaigns.edit');
  return (
    <Modal opened={draft !== null} onClose={onClose} title={title} size="lg">
      {draft && <CampaignFormBody key={draft.id ?? 'new'} initial={draft} definitions={definitions} readOnly={readOnly} onDone={onClose} />}
    </Modal>
  );
}

export function CampaignFormBody({ initial, definitions, readOnly, onDone }: { initial: CampaignDraft; definitions: SurveyDefinitionDto[]; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCampaign();
  const [draft, setDraft] = useState(initial);
  const [client, setClient] = useState<FieldErrors>(new Map());
  const errors = mergeErrors(client, serverErrors(save.error));
  const err = (path: string) => { const key = errorAt(errors, path); return key ? t(key) : undefined; };
  const input = draft.input;
  const set = (patch: Partial<CampaignDraft['input']>) => setDraft((d) => ({ ...d, input: { ...d.input, ...patch } }));
  const setAudience = (patch: Partial<CampaignDraft['input']['audience']>) => set({ audience: { ...input.audience, ...patch } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const found = clientErrors(surveyCampaignInput, input);
    setClient(found);
    if (found.size === 0) save.mutate({ id: draft.id, input }, { onSuccess: onDone });
  };
  const surveys = definitions.map((d) => ({ value: d.id, label: `${d.name} · ${t(`surveys.kinds.${d.kind}`)}${d.enabled ? '' : ` (${t('surveys.definitions.off')})`}` }));
  const byDays = input.audience.daysAfterFirstOrder !== null;

  return (
    <form onSubmit={submit} noValidate data-testid="survey-campaign-form">
      <Stack gap="sm">
        {save.error && <ErrorAlert error={save.error} testId="survey-campaign-error" />}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('surveys.campaigns.name')} value={input.name} maxLength={surveyLimits.nameChars} error={err('name')}
                onChange={(e) => set({ name: e.currentTarget.value })} data-testid="survey-campaign-name" />
              <Select label={t('surveys.campaigns.survey')} value={input.surveyId || null} data={surveys} allowDeselect={false} error={err('surveyId')}
                onChange={(id) => id && set({ surveyId: id })} data-testid="survey-campaign-survey" />
            </SimpleGrid>
            <div>
              <Text size="sm" fw={500}>{t('surveys.campaigns.audienceTitle')}</Text>
              <Text size="xs" c="dimmed">{t('surveys.campaigns.audienceHelp')}</Text>
            </div>
            <MultiSelect<SegmentName> label={t('surveys.campaigns.segments')} placeholder={input.audience.segments.length ? undefined : t('surveys.campaigns.anySegment')}
              value={input.audience.segments} data={segmentNames.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))} clearable={!readOnly}
              onChange={(segments) => setAudience({ segments })} data-testid="survey-campaign-segments" />
            <Switch label={t('surveys.campaigns.vipOnly')} checked={input.audience.vipOnly} onChange={(e) => setAudience({ vipOnly: e.currentTarget.checked })}
              data-testid="survey-campaign-vip" />
            <Group align="flex-end" gap="sm">
              <Switch label={t('surveys.campaigns.byFirstOrder')} checked={byDays} data-testid="survey-campaign-by-days"
                onChange={(e) => setAudience({ daysAfterFirstOrder: e.currentTarget.checked ? 30 : null })} />
              {byDays && (
                <NumberInput w={200} label={t('surveys.campaigns.daysAfterFirstOrder')} value={shown(input.audience.daysAfterFirstOrder)} min={1} max={3650}
                  allowDecimal={false} allowNegative={false} error={err('audience.daysAfterFirstOrder')}
                  onChange={(v) => setAudience({ daysAfterFirstOrder: num(v) })} data-testid="survey-campaign-days" />
              )}
            </Group>
            {err('audience') && <Alert color="red" p="xs" role="alert" data-testid="survey-campaign-audience-error">{err('audience')}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NumberInput label={t('surveys.campaigns.cooldownDays')} description={t('surveys.campaigns.cooldownDaysHelp')} value={shown(input.cooldownDays)}
                min={1} max={730} allowDecimal={false} allowNegative={false} error={err('cooldownDays')} onChange={(v) => set({ cooldownDays: num(v) })}
                data-testid="survey-campaign-cooldown" />
              <NumberInput label={t('surveys.campaigns.maxPerRun')} description={t('surveys.campaigns.maxPerRunHelp')} value={shown(input.maxPerRun)}
                min={1} max={5000} allowDecimal={false} allowNegative={false} error={err('maxPerRun')} onChange={(v) => set({ maxPerRun: num(v) })}
                data-testid="survey-campaign-max" />
            </SimpleGrid>
            <Alert color="gray" p="xs" data-testid="survey-campaign-schedule">{t('surveys.campaigns.schedule')}</Alert>
            <Switch label={t('surveys.campaigns.enabledLabel')} checked={input.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })}
              data-testid="survey-campaign-enabled-input" />
          </Stack>
        </fieldset>
        {client.size > 0 && <Alert color="red" p="xs" role="alert" data-testid="survey-campaign-invalid">{t('errors.validation_failed')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{readOnly ? t('surveys.close') : t('common.cancel')}</Button>
          {!readOnly && <Button type="submit" loading={save.isPending} data-testid="survey-campaign-save">{t('common.save')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
