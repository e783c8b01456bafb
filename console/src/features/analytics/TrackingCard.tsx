import { SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelTrackingDto } from '@careloop/contracts';
import { ChartCard } from './ChartCard.tsx';
import { TrackingChart } from './charts/TrackingChart.tsx';
import { CsvButton } from './CsvButton.tsx';
import { trackingCsvHref } from './csv.ts';
import { formatCount, formatDay, formatDecimal, formatPercent } from './format.ts';
import { trackingChartData, type TrackingTotals } from './tracking.ts';

/**
 * "Tracking": repeat purchases per week and cumulated, actual against the model's expectation over the
 * whole data window, with the end of the training period marked and totals on each side of it.
 */
export function TrackingCard({ tracking }: { tracking: ModelTrackingDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = trackingChartData(tracking);
  const title = t('analytics.predictions.tracking.title');
  const row = (key: 'calibration' | 'holdout', totals: TrackingTotals) => totals.weeks > 0 && (
    <Table.Tr key={key} data-testid={`tracking-${key}`}>
      <Table.Td>{t(`analytics.predictions.tracking.${key}`)}</Table.Td>
      <Table.Td ta="right">{formatCount(totals.weeks, lang)}</Table.Td>
      <Table.Td ta="right">{formatCount(totals.actual, lang)}</Table.Td>
      <Table.Td ta="right">{formatDecimal(totals.expected, lang, 1)}</Table.Td>
      <Table.Td ta="right">{totals.error === null ? '—' : `${totals.error > 0 ? '+' : ''}${formatPercent(totals.error, lang)}`}</Table.Td>
    </Table.Tr>
  );
  return (
    <ChartCard title={title} testId="card-tracking"
      description={t('analytics.predictions.tracking.description', { date: formatDay(tracking.calibrationEnd, lang) })}
      actions={<CsvButton href={trackingCsvHref()} what={title} testId="csv-tracking" />}>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <div>
          <Text size="xs" fw={500}>{t('analytics.predictions.tracking.weekly')}</Text>
          <TrackingChart data={data} cumulative={false} />
        </div>
        <div>
          <Text size="xs" fw={500}>{t('analytics.predictions.tracking.cumulative')}</Text>
          <TrackingChart data={data} cumulative />
        </div>
      </SimpleGrid>
      <Table verticalSpacing={2} fz="xs" mt="xs" data-testid="tracking-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('analytics.predictions.tracking.period')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.tracking.weeks')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.tracking.actual')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.tracking.expected')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.tracking.difference')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {row('calibration', data.calibration)}
          {row('holdout', data.holdout)}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs" data-testid="tracking-help">{t('analytics.predictions.tracking.howToRead')}</Text>
    </ChartCard>
  );
}
