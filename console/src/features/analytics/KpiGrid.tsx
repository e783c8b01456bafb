import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnalyticsOverviewDto } from '@careloop/contracts';
import { formatMinor } from '../commerce/money.ts';
import { formatCount, formatDecimal, formatPercent } from './format.ts';
import { IncompleteBadge } from './IncompleteBadge.tsx';
import { KpiCard } from './KpiCard.tsx';

/** The overview's headline figures, each with its definition and what it is made of. */
export function KpiGrid({ overview: o }: { overview: AnalyticsOverviewDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (amount: number | null) => formatMinor(amount, o.currency, lang);
  const count = (n: number) => formatCount(n, lang);
  // First versus repeat purchases are only certain once the data reaches back far enough.
  const incomplete = o.periods.some((p) => p.incompleteHistory) ? <IncompleteBadge /> : undefined;

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" data-testid="analytics-kpis">
      <KpiCard testId="kpi-repeat-rate" label={t('analytics.kpi.repeatRate.label')} value={formatPercent(o.repeatCustomerRate.value, lang)}
        detail={t('analytics.kpi.repeatRate.detail', { numerator: count(o.repeatCustomerRate.numerator), denominator: count(o.repeatCustomerRate.denominator) })}
        explanation={t('analytics.kpi.repeatRate.explain')} badge={incomplete} />
      <KpiCard testId="kpi-frequency" label={t('analytics.kpi.frequency.label')} value={formatDecimal(o.purchaseFrequency.value, lang)}
        detail={t('analytics.kpi.frequency.detail', { numerator: count(o.purchaseFrequency.numerator), denominator: count(o.purchaseFrequency.denominator) })}
        explanation={t('analytics.kpi.frequency.explain')} />
      <KpiCard testId="kpi-first-value" label={t('analytics.kpi.firstValue.label')} value={money(o.averageFirstValue.value)}
        detail={t('analytics.kpi.firstValue.detail', { numerator: money(o.averageFirstValue.numerator), denominator: count(o.averageFirstValue.denominator) })}
        explanation={t('analytics.kpi.firstValue.explain')} badge={incomplete} />
      <KpiCard testId="kpi-repeat-value" label={t('analytics.kpi.repeatValue.label')} value={money(o.averageRepurchaseValue.value)}
        detail={t('analytics.kpi.repeatValue.detail', { numerator: money(o.averageRepurchaseValue.numerator), denominator: count(o.averageRepurchaseValue.denominator) })}
        explanation={t('analytics.kpi.repeatValue.explain')} badge={incomplete} />
      <KpiCard testId="kpi-repeat-revenue" label={t('analytics.kpi.repeatRevenue.label')} value={formatPercent(o.repeatRevenueShare.value, lang)}
        detail={t('analytics.kpi.repeatRevenue.detail', { numerator: money(o.repeatRevenueShare.numerator), denominator: money(o.repeatRevenueShare.denominator) })}
        explanation={t('analytics.kpi.repeatRevenue.explain')} badge={incomplete} />
      <KpiCard testId="kpi-days-between" label={t('analytics.kpi.daysBetween.label')}
        value={o.daysBetweenOrders.median === null ? '—' : t('analytics.units.days', { count: Math.round(o.daysBetweenOrders.median), value: formatDecimal(o.daysBetweenOrders.median, lang, 0) })}
        detail={t('analytics.kpi.daysBetween.detail', { mean: formatDecimal(o.daysBetweenOrders.mean, lang, 1), pairs: count(o.daysBetweenOrders.pairs) })}
        explanation={t('analytics.kpi.daysBetween.explain')} />
      <KpiCard testId="kpi-historical-clv" label={t('analytics.kpi.historicalClv.label')} value={money(o.historicalClv.mean)}
        detail={t('analytics.kpi.historicalClv.detail', { median: money(o.historicalClv.median), customers: count(o.historicalClv.customers) })}
        explanation={t('analytics.kpi.historicalClv.explain')} />
      <KpiCard testId="kpi-pareto" label={t('analytics.kpi.pareto.label')} value={formatPercent(o.pareto.share.value, lang)}
        detail={t('analytics.kpi.pareto.detail', { top: count(o.pareto.topCount), customers: count(o.pareto.customers), gini: formatDecimal(o.pareto.gini, lang) })}
        explanation={t('analytics.kpi.pareto.explain')} />
    </SimpleGrid>
  );
}
