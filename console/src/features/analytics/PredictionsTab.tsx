import { Alert, Center, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { CandidatesTable } from './CandidatesTable.tsx';
import { ChartCard } from './ChartCard.tsx';
import { HoldoutChart } from './charts/HoldoutChart.tsx';
import { formatCount, formatDecimal, formatPercent } from './format.ts';
import { ModelSummary } from './ModelSummary.tsx';
import { PredictionsExplained } from './PredictionsExplained.tsx';
import { ProductCyclesCard } from './ProductCyclesCard.tsx';
import { TrackingCard } from './TrackingCard.tsx';
import { usePredictions } from './queries.ts';

/**
 * The purchase model behind churn risk and predicted CLV, how it was chosen, how well it did on the holdout and
 * week by week (the tracking plot);
 * and the products bought again on a cycle, which product reorder reminders are timed on.
 */
export function PredictionsTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const predictions = usePredictions();
  const p = predictions.data;
  if (predictions.isLoading) return <Center p="lg"><Loader aria-label={t('common.loading')} /></Center>;
  if (!p) return <ErrorAlert error={predictions.error} />;
  const m = p.model;
  const v = m?.validation ?? null;

  return (
    <Stack gap="md" data-testid="analytics-predictions">
      {!m && (
        <Alert color="blue" title={t('analytics.predictions.noModel')} data-testid="analytics-no-model">
          <Text size="sm">{t('analytics.predictions.noModelHelp')}</Text>
        </Alert>
      )}
      {m && (
        <ChartCard title={t('analytics.predictions.modelTitle')} description={t('analytics.predictions.modelDescription')} testId="card-model">
          <ModelSummary model={m} settings={p.settings} />
        </ChartCard>
      )}
      {m && v && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <ChartCard title={t('analytics.predictions.candidatesTitle')} testId="card-candidates"
            description={t(p.settings.model === 'auto' ? 'analytics.predictions.candidatesAuto' : 'analytics.predictions.candidatesFixed', { days: formatCount(v.holdoutDays, lang) })}>
            <CandidatesTable candidates={v.candidates} chosen={m.model} />
          </ChartCard>
          <ChartCard title={t('analytics.predictions.holdout.title')} testId="card-holdout"
            description={t('analytics.predictions.holdout.description', {
              days: formatCount(v.holdoutDays, lang), mae: formatDecimal(v.mae, lang, 3), aggregate: `${v.aggregateError > 0 ? '+' : ''}${formatPercent(v.aggregateError, lang)}`,
            })}>
            <HoldoutChart buckets={v.buckets} />
          </ChartCard>
        </SimpleGrid>
      )}
      {m?.tracking && m.tracking.weeks.length > 0 && <TrackingCard tracking={m.tracking} />}
      <ProductCyclesCard />
      <PredictionsExplained settings={p.settings} />
    </Stack>
  );
}
