import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { formatPercent } from '../analytics/format.ts';
import { useRetrainTriage, useTriageModel } from './queries.ts';

/**
 * The message-triage model automations read (language, mood, intent, urgency): shipped or retrained on
 * this shop's corrections, how well it scored, and (admins) a retrain button.
 */
export function TriageModelCard({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const model = useTriageModel();
  const retrain = useRetrainTriage();
  const m = model.data;

  return (
    <Paper withBorder p="md" data-testid="triage-model">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2} size="h5">{t('triage.model.title')}</Title>
          <Text size="xs" c="dimmed">{t('triage.model.help')}</Text>
        </div>
        {editable && (
          <Button size="xs" variant="light" leftSection={<IconRefresh size={14} aria-hidden />} loading={retrain.isPending} disabled={!m}
            onClick={() => retrain.mutate()} data-testid="triage-retrain">{t('triage.model.retrain')}</Button>
        )}
      </Group>
      {model.error && <ErrorAlert error={model.error} />}
      {retrain.error && <ErrorAlert error={retrain.error} />}
      {m && (
        <Stack gap={4} mt="xs">
          <Group gap={6}>
            <Badge size="sm" variant="light" color={m.source === 'workspace' ? 'teal' : 'gray'} tt="none" data-testid="triage-model-source">
              {t(`triage.model.source.${m.source}`)}
            </Badge>
            <Text size="xs" data-testid="triage-model-corrections">{t('triage.model.corrections', { count: m.corrections })}</Text>
            {m.trainedAt && <Text size="xs" c="dimmed">{t('triage.model.trainedAt', { time: format.dateTime(m.trainedAt) })}</Text>}
          </Group>
          {m.evaluation && (
            <Group gap={8} data-testid="triage-model-evaluation">
              {Object.entries(m.evaluation).map(([head, f1]) => (
                <Text key={head} size="xs">{t(`triage.heads.${head}`, { defaultValue: head })}: <b>{formatPercent(f1, i18n.language, 0)}</b></Text>
              ))}
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}
