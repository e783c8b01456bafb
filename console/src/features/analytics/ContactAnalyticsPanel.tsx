import { Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconChartDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatMinor } from '../commerce/money.ts';
import { formatCount, formatDay, formatPercent } from './format.ts';
import { useContactAnalytics } from './queries.ts';
import { RiskBadge, SegmentBadge, VipBadge } from './SegmentBadge.tsx';

function Fact({ label, help, value, testId }: { label: string; help: string; value: string; testId: string }) {
  return (
    <div>
      <Tooltip label={help} multiline w={240} withArrow position="left">
        <dt tabIndex={0} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>{label}</dt>
      </Tooltip>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/**
 * The customer's retention figures in the contact sidebar: segment, VIP, P(alive), churn risk, predicted
 * value and the expected next order. Every agent may read them; they change when analytics is refreshed.
 */
export function ContactAnalyticsPanel({ contactId, className }: { contactId: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useContactAnalytics(contactId);
  const data = query.data;
  const c = data?.customer;

  return (
    <section className={className} data-testid="contact-analytics" aria-label={t('analytics.contact.title')}>
      <Group gap={4} mb={4}>
        <IconChartDots size={14} aria-hidden />
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('analytics.contact.title')}</Text>
      </Group>
      {query.isLoading && <Loader size="xs" aria-label={t('common.loading')} />}
      {query.error && <ErrorAlert error={query.error} testId="contact-analytics-error" />}
      {data && !c && <Text size="xs" c="dimmed" data-testid="contact-analytics-empty">{t('analytics.contact.noOrders')}</Text>}
      {data && c && (
        <Stack gap={6}>
          <Group gap={4}>
            <SegmentBadge segment={c.segment} size="xs" />
            {c.vip && <VipBadge size="xs" />}
            {c.riskBand && <RiskBadge band={c.riskBand} size="xs" />}
          </Group>
          <Text size="xs" data-testid="contact-analytics-history">
            {t('analytics.contact.history', { count: c.occasions, revenue: formatMinor(c.revenue, data.currency, lang), last: formatDay(c.lastOrderOn, lang) })}
          </Text>
          <dl className="attributes">
            <Fact label={t('analytics.contact.pAlive')} help={t('analytics.explain.pAlive')} testId="contact-p-alive"
              value={c.pAlive === null ? t('analytics.contact.notShown') : formatPercent(c.pAlive, lang, 0)} />
            <Fact label={t('analytics.contact.churnRisk')} help={t('analytics.explain.churnRisk', { days: formatCount(data.horizonDays, lang) })} testId="contact-churn-risk"
              value={c.churnRisk === null ? (c.riskBand ? t(`analytics.risk.${c.riskBand}`) : '—') : formatPercent(c.churnRisk, lang, 0)} />
            <Fact label={t('analytics.contact.predictedClv', { days: formatCount(data.horizonDays, lang) })} help={t('analytics.explain.predictedClv')} testId="contact-clv"
              value={formatMinor(c.predictedClv, data.currency, lang)} />
            <Fact label={t('analytics.contact.nextOrder')} help={t('analytics.explain.nextOrder')} testId="contact-next-order"
              value={c.expectedNextOrderOn ? formatDay(c.expectedNextOrderOn, lang) : '—'} />
          </dl>
          {c.lowConfidence && (
            <Text size="xs" c="orange.8" data-testid="contact-analytics-low-confidence">{t('analytics.contact.lowConfidence')}</Text>
          )}
        </Stack>
      )}
    </section>
  );
}
