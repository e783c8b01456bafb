import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnalyticsSettings } from '@careloop/contracts';
import { ChartCard } from './ChartCard.tsx';
import { formatCount, formatDecimal } from './format.ts';

/** What each forecast means, in plain words, with the shop's own horizon, margin and discount rate. */
export function PredictionsExplained({ settings }: { settings: AnalyticsSettings }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const days = formatCount(settings.horizonDays, lang);
  return (
    <ChartCard title={t('analytics.predictions.explainTitle')} testId="card-predictions-explained">
      <List size="sm" spacing={6}>
        <List.Item><Text span fw={600}>{t('analytics.contact.pAlive')}: </Text>{t('analytics.explain.pAlive')}</List.Item>
        <List.Item><Text span fw={600}>{t('analytics.contact.churnRisk')}: </Text>{t('analytics.explain.churnRisk', { days })} {t('analytics.explain.riskBands')}</List.Item>
        <List.Item>
          <Text span fw={600}>{t('analytics.contact.predictedClv', { days })}: </Text>
          {t('analytics.explain.predictedClv')}{' '}
          {t('analytics.explain.clvSettings', { margin: formatDecimal(settings.grossMarginPct, lang, 1), discount: formatDecimal(settings.annualDiscountPct, lang, 1) })}
        </List.Item>
        <List.Item><Text span fw={600}>{t('analytics.contact.nextOrder')}: </Text>{t('analytics.explain.nextOrder')}</List.Item>
        <List.Item><Text span fw={600}>{t('analytics.explain.lowConfidenceTitle')}: </Text>{t('analytics.explain.lowConfidence')}</List.Item>
      </List>
    </ChartCard>
  );
}
