import { useMemo } from 'react';
import { Alert, Anchor, Center, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ChartCard } from './ChartCard.tsx';
import { ClvHistogram } from './charts/ClvHistogram.tsx';
import { CohortHeatmap } from './charts/CohortHeatmap.tsx';
import { LorenzChart } from './charts/LorenzChart.tsx';
import { RepeatTrendChart } from './charts/RepeatTrendChart.tsx';
import { RevenueMixChart } from './charts/RevenueMixChart.tsx';
import { SegmentSizeChart } from './charts/SegmentSizeChart.tsx';
import { CsvButton } from './CsvButton.tsx';
import { overviewCsvHref } from './csv.ts';
import { FilterBar } from './FilterBar.tsx';
import { filtersQuery, readFilters, writeFilters } from './filters.ts';
import { formatPercent } from './format.ts';
import { KpiGrid } from './KpiGrid.tsx';
import { OverviewMeta } from './OverviewMeta.tsx';
import { PeriodsTable } from './PeriodsTable.tsx';
import { useOverview, useSegments } from './queries.ts';
import { TopCustomersTable } from './TopCustomersTable.tsx';

/** The descriptive dashboard: headline figures, trends per period, concentration, value spread, segments, cohorts. */
export function OverviewTab() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const overview = useOverview(filters);
  const segments = useSegments();
  const o = overview.data;
  const query = filtersQuery(filters);
  const csv = (table: Parameters<typeof overviewCsvHref>[0], what: string) => <CsvButton href={overviewCsvHref(table, query)} what={what} testId={`csv-${table}`} />;

  return (
    <Stack gap="md" data-testid="analytics-overview" aria-busy={overview.isFetching}>
      <FilterBar filters={filters} onChange={(next) => setParams(writeFilters(params, next), { replace: true })} />
      {overview.isLoading && <Center p="lg"><Loader aria-label={t('common.loading')} /></Center>}
      {overview.error && <ErrorAlert error={overview.error} />}
      {o && <OverviewMeta overview={o} />}
      {o && !o.dataFrom && (
        <Alert color="blue" data-testid="analytics-empty">
          {t('analytics.empty.noOrders')}{' '}
          <Anchor component={Link} to="/settings/order-imports" size="sm">{t('analytics.empty.importLink')}</Anchor>
        </Alert>
      )}
      {o && o.dataFrom && o.periods.length === 0 && <Text size="sm" c="dimmed" data-testid="analytics-no-match">{t('analytics.empty.noMatch')}</Text>}
      {o && o.dataFrom && (
        <>
          <KpiGrid overview={o} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartCard title={t('analytics.charts.trend.title')} description={t('analytics.charts.trend.description')} actions={csv('periods', t('analytics.charts.trend.title'))} testId="card-trend">
              <RepeatTrendChart periods={o.periods} />
            </ChartCard>
            <ChartCard title={t('analytics.charts.revenueMix.title')} description={t('analytics.charts.revenueMix.description')} testId="card-revenue-mix">
              <RevenueMixChart periods={o.periods} currency={o.currency} />
            </ChartCard>
            <ChartCard title={t('analytics.charts.lorenz.title')} testId="card-lorenz" actions={csv('pareto', t('analytics.charts.lorenz.title'))}
              description={t('analytics.charts.lorenz.description', { share: formatPercent(o.pareto.share.value, i18n.language, 0) })}>
              <LorenzChart curve={o.pareto.curve} />
            </ChartCard>
            <ChartCard title={t('analytics.charts.top.title')} description={t('analytics.charts.top.description')} actions={csv('top_customers', t('analytics.charts.top.title'))} testId="card-top-customers">
              <TopCustomersTable top={o.pareto.top} currency={o.currency} total={o.pareto.share.denominator} />
            </ChartCard>
            <ClvHistogram currency={o.currency} segment={filters.segment} />
            <ChartCard title={t('analytics.charts.segments.title')} description={t('analytics.charts.segments.description')} testId="card-segment-sizes">
              {segments.error && <ErrorAlert error={segments.error} />}
              {segments.data && <SegmentSizeChart segments={segments.data} />}
            </ChartCard>
          </SimpleGrid>
          <ChartCard title={t('analytics.periods.title')} description={t('analytics.periods.description')} actions={csv('periods', t('analytics.periods.title'))} testId="card-periods">
            <PeriodsTable periods={o.periods} currency={o.currency} />
          </ChartCard>
          <ChartCard title={t('analytics.cohorts.title')} description={t('analytics.cohorts.description')} actions={csv('cohorts', t('analytics.cohorts.title'))} testId="card-cohorts">
            {o.cohorts.length === 0 ? <Text size="sm" c="dimmed">{t('analytics.cohorts.empty')}</Text> : <CohortHeatmap cohorts={o.cohorts} currency={o.currency} />}
          </ChartCard>
        </>
      )}
    </Stack>
  );
}
