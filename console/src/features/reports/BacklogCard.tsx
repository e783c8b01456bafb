import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportBacklogDto } from '@careloop/contracts';
import { formatCount } from '../analytics/format.ts';
import { BacklogAgeChart, BacklogAgeTrendChart, BacklogTrendChart } from './charts/BacklogCharts.tsx';

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  const { i18n } = useTranslation();
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fz={20} fw={700} data-testid={`${testId}-value`}>{formatCount(value, i18n.language)}</Text>
    </Paper>
  );
}

/** The backlog: unresolved conversations now (live, by status and age) and at the end of every day of the range (in all, and by age). */
export function BacklogBody({ backlog }: { backlog: ReportBacklogDto }) {
  const { t } = useTranslation();
  const now = backlog.now;
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mb="sm">
        <Figure label={t('reports.backlog.total')} value={now.total} testId="backlog-total" />
        <Figure label={t('reports.backlog.status.open')} value={now.open} testId="backlog-open" />
        <Figure label={t('reports.backlog.status.pending')} value={now.pending} testId="backlog-pending" />
        <Figure label={t('reports.backlog.status.snoozed')} value={now.snoozed} testId="backlog-snoozed" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <div>
          <Group gap={4} mb={4}><Text size="xs" fw={600}>{t('reports.backlog.byAge')}</Text></Group>
          {now.total === 0 ? <Text size="sm" c="dimmed" data-testid="backlog-clear">{t('reports.backlog.clear')}</Text> : <BacklogAgeChart backlog={backlog} />}
        </div>
        <div>
          <Group gap={4} mb={4}><Text size="xs" fw={600}>{t('reports.backlog.overTime')}</Text></Group>
          <BacklogTrendChart backlog={backlog} />
        </div>
        <div>
          <Group gap={4} mb={4}><Text size="xs" fw={600}>{t('reports.backlog.overTimeByAge')}</Text></Group>
          <BacklogAgeTrendChart backlog={backlog} />
        </div>
      </SimpleGrid>
    </>
  );
}
