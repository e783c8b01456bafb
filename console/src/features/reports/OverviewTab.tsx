import { Alert, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../lib/api.ts';
import { ChartCard } from '../analytics/ChartCard.tsx';
import { formatCount, formatPercent } from '../analytics/format.ts';
import { BacklogBody } from './BacklogCard.tsx';
import { isEmptySummary } from './chartData.ts';
import { SlaTrendChart } from './charts/SlaTrendChart.tsx';
import { TrendChart } from './charts/TrendChart.tsx';
import { VolumeChart } from './charts/VolumeChart.tsx';
import type { HoursMode } from './filters.ts';
import { HourHeatmap } from './HourHeatmap.tsx';
import { Loaded } from './Loaded.tsx';
import { useReportBacklog, useReportHeatmap, useReportSummary, useReportVolume } from './queries.ts';
import { ReportsMeta } from './ReportsMeta.tsx';
import { TimesGrid } from './TimesGrid.tsx';

/** Times and SLA, the daily trend, volume by channel, the hour-of-week heatmap and the backlog. */
export function OverviewTab({ query, hours }: { query: Query; hours: HoursMode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const summary = useReportSummary(query);
  const volume = useReportVolume(query);
  const heatmap = useReportHeatmap(query);
  const backlog = useReportBacklog(query);
  const empty = summary.data ? isEmptySummary(summary.data) : false;

  return (
    <Stack gap="md" data-testid="reports-overview" aria-busy={summary.isFetching || volume.isFetching}>
      <Loaded query={summary} testId="reports-summary">
        {(s) => (
          <>
            <ReportsMeta meta={s.meta} />
            {empty && <Alert color="blue" data-testid="reports-empty">{t('reports.empty.range')}</Alert>}
            <TimesGrid summary={s} hours={hours} />
            {!empty && (
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <ChartCard title={t('reports.trend.title')} testId="card-trend"
                  description={t(hours === 'business' ? 'reports.trend.descriptionBusiness' : 'reports.trend.description')}>
                  <TrendChart summary={s} hours={hours} />
                </ChartCard>
                <ChartCard title={t('reports.sla.title')} testId="card-sla"
                  description={t('reports.sla.description', { rate: formatPercent(s.sla.firstResponse.rate, lang), met: formatCount(s.sla.firstResponse.met, lang), missed: formatCount(s.sla.firstResponse.missed, lang) })}>
                  {s.sla.firstResponse.met + s.sla.firstResponse.missed === 0
                    ? <Text size="sm" c="dimmed" data-testid="sla-nothing-due">{t('reports.sla.nothingDue')}</Text>
                    : <SlaTrendChart summary={s} />}
                </ChartCard>
              </SimpleGrid>
            )}
          </>
        )}
      </Loaded>
      {!empty && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <ChartCard title={t('reports.volume.title')} description={t('reports.volume.description')} testId="card-volume">
            <Loaded query={volume} testId="reports-volume">
              {(v) => (v.channels.length === 0 ? <Text size="sm" c="dimmed">{t('reports.empty.range')}</Text> : <VolumeChart volume={v} />)}
            </Loaded>
          </ChartCard>
          <ChartCard title={t('reports.heatmap.title')} description={t('reports.heatmap.description')} testId="card-heatmap">
            <Loaded query={heatmap} testId="reports-heatmap">{(h) => <HourHeatmap heatmap={h} />}</Loaded>
          </ChartCard>
        </SimpleGrid>
      )}
      <ChartCard title={t('reports.backlog.title')} description={t('reports.backlog.description')} testId="card-backlog">
        <Loaded query={backlog} testId="reports-backlog">{(b) => <BacklogBody backlog={b} />}</Loaded>
      </ChartCard>
    </Stack>
  );
}
