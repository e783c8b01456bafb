import { useState } from 'react';
import { Badge, Button, Center, Group, Loader, Switch, Table, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CampaignRunDto, SurveyCampaignDto, SurveyDefinitionDto } from '@careloop/contracts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { formatCount } from '../analytics/format.ts';
import { segmentColor } from '../analytics/segments.ts';
import { audienceParts } from './campaignForm.ts';
import { useDeleteCampaign, useRunCampaign, useSurveyCampaigns, useToggleCampaign } from './queries.ts';
import { RunResult } from './RunResult.tsx';

function Audience({ c }: { c: SurveyCampaignDto }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} mt={2} data-testid="survey-campaign-audience">
      {audienceParts(c.audience).map((p) => (
        <Text key={p.key} size="xs" c="dimmed">{t(`surveys.audience.${p.key}`, { count: p.count ?? 0 })}</Text>
      ))}
      {c.audience.segments.map((s) => <Badge key={s} size="xs" variant="dot" color={segmentColor[s]} tt="none">{t(`analytics.segments.${s}.name`)}</Badge>)}
    </Group>
  );
}

/** NPS (or any) campaigns with their results; admins switch, edit, delete and run them now. */
export function CampaignsTable({ editable, definitions, onOpen }: { editable: boolean; definitions: SurveyDefinitionDto[]; onOpen: (c: SurveyCampaignDto) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const list = useSurveyCampaigns();
  const toggle = useToggleCampaign();
  const remove = useDeleteCampaign();
  const run = useRunCampaign();
  const [results, setResults] = useState<Record<string, CampaignRunDto>>({});
  const lang = i18n.language;
  if (list.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  if (list.error) return <ErrorAlert error={list.error} />;
  if (list.data?.length === 0) return <Text size="sm" c="dimmed" p="md" data-testid="survey-campaigns-empty">{t('surveys.campaigns.empty')}</Text>;
  const runNow = (id: string) => run.mutate(id, { onSuccess: (result) => setResults((r) => ({ ...r, [id]: result })) });

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} data-testid="survey-campaigns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.campaigns.campaign')}</Table.Th>
            <Table.Th>{t('surveys.campaigns.cooldown')}</Table.Th>
            <Table.Th>{t('surveys.campaigns.results')}</Table.Th>
            <Table.Th>{t('surveys.campaigns.lastRun')}</Table.Th>
            <Table.Th>{t('surveys.campaigns.enabled')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.map((c) => {
            const survey = definitions.find((d) => d.id === c.surveyId);
            const pending = toggle.isPending && toggle.variables.campaign.id === c.id;
            const result = results[c.id];
            return (
              <Table.Tr key={c.id} data-testid="survey-campaign-row">
                <Table.Td maw={360}>
                  <Text size="sm" fw={600}>{c.name}</Text>
                  <Text size="xs" c="dimmed">{survey ? survey.name : t('surveys.campaigns.noSurvey')}</Text>
                  <Audience c={c} />
                  {run.error && run.variables === c.id && <ErrorAlert error={run.error} testId="survey-campaign-run-error" />}
                  {result && <RunResult result={result} onClose={() => setResults(({ [c.id]: _gone, ...rest }) => rest)} />}
                </Table.Td>
                <Table.Td><Text size="sm">{t('surveys.campaigns.everyDays', { count: c.cooldownDays })}</Text></Table.Td>
                <Table.Td data-testid="survey-campaign-stats">
                  <Text size="xs">{t('surveys.campaigns.stats', { sent: formatCount(c.stats.sent, lang), answered: formatCount(c.stats.answered, lang) })}</Text>
                  <Text size="xs" c="dimmed">{t('surveys.campaigns.statsSkipped', { skipped: formatCount(c.stats.skipped, lang) })}</Text>
                </Table.Td>
                <Table.Td><Text size="xs">{c.lastRunAt ? format.dateTime(c.lastRunAt) : t('surveys.campaigns.never')}</Text></Table.Td>
                <Table.Td>
                  <Switch size="sm" checked={pending ? toggle.variables.enabled : c.enabled} disabled={!editable || pending}
                    aria-label={t('surveys.campaigns.enabledOf', { name: c.name })} data-testid="survey-campaign-enabled"
                    onChange={(e) => toggle.mutate({ campaign: c, enabled: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {editable && (
                      <Button size="compact-xs" variant="light" leftSection={<IconPlayerPlay size={12} aria-hidden />} loading={run.isPending && run.variables === c.id}
                        onClick={() => runNow(c.id)} data-testid="survey-campaign-run">{t('surveys.run.button')}</Button>
                    )}
                    <Button size="compact-xs" variant="subtle" onClick={() => onOpen(c)} data-testid="survey-campaign-edit">
                      {editable ? t('common.edit') : t('surveys.view')}
                    </Button>
                    {editable && (
                      <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === c.id}
                        question={t('surveys.campaigns.confirmDelete', { name: c.name })} confirmLabel={t('common.delete')}
                        onConfirm={() => remove.mutate(c.id)} testId="survey-campaign-delete">{t('common.delete')}</ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
