import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsRunDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { progressPercent } from './format.ts';
import { usePredictions, useStartRefresh } from './queries.ts';
import { RunNote } from './RunNote.tsx';
import { isKnownStep } from './runText.ts';

function RunStatus({ run }: { run: AnalyticsRunDto }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (run.status === 'running') {
    const percent = progressPercent(run.progress);
    return (
      <div data-testid="analytics-run-progress" data-progress={percent} style={{ minWidth: 260 }}>
        <Progress value={percent} animated striped size="md" aria-label={t('analytics.run.progressLabel')} />
        <Text size="xs" c="dimmed" mt={2} role="status">{t('analytics.run.running', { step: isKnownStep(run.step) ? t(`analytics.run.steps.${run.step}`) : run.step, percent })}</Text>
      </div>
    );
  }
  if (run.status === 'failed') {
    return (
      <Alert color="red" p="xs" data-testid="analytics-run-failed">
        {t('analytics.run.failed', { at: format.dateTime(run.finishedAt ?? run.startedAt) })}{run.error ? ` ${run.error}` : ''}
      </Alert>
    );
  }
  return <Text size="xs" c="dimmed" data-testid="analytics-run-done">{t('analytics.run.done', { at: format.dateTime(run.finishedAt) })}</Text>;
}

/**
 * "Làm mới số liệu": starts a rebuild of segments, models and forecasts. Progress arrives over the socket
 * (and by polling while a run is going).
 */
export function RefreshControl() {
  const { t } = useTranslation();
  const predictions = usePredictions();
  const refresh = useStartRefresh();
  const run = predictions.data?.run ?? null;
  const running = run?.status === 'running';

  return (
    <Stack gap={6} align="flex-end" maw={460} data-testid="analytics-refresh">
      <Group gap="sm" wrap="nowrap" align="center">
        {run ? <RunStatus run={run} /> : predictions.data && <Text size="xs" c="dimmed">{t('analytics.run.never')}</Text>}
        <Button size="xs" leftSection={<IconRefresh size={14} aria-hidden />} loading={refresh.isPending} disabled={running}
          onClick={() => refresh.mutate()} data-testid="analytics-refresh-button">
          {running ? t('analytics.run.inProgress') : t('analytics.run.refresh')}
        </Button>
      </Group>
      {refresh.error && <ErrorAlert error={refresh.error} testId="analytics-refresh-error" />}
    </Stack>
  );
}

/** The last finished refresh's note (e.g. too little data for a model), shown across the page under its header. */
export function LatestRunNote() {
  const run = usePredictions().data?.run;
  if (run?.status !== 'done' || !run.note) return null;
  return <div style={{ marginBottom: 'var(--mantine-spacing-sm)' }}><RunNote note={run.note} /></div>;
}
