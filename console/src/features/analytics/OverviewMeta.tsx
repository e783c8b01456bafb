import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnalyticsOverviewDto } from '@careloop/contracts';
import { useFormat } from '../../ui/useFormat.ts';
import { formatCount, formatDay } from './format.ts';

/** Where the figures come from: the data window, the shop's zone and currency, when they were last rebuilt, what was left out. */
export function OverviewMeta({ overview: o }: { overview: AnalyticsOverviewDto }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language;
  return (
    <Group gap="xs" wrap="wrap" data-testid="analytics-meta">
      <Text size="xs" c="dimmed">
        {o.dataFrom ? t('analytics.meta.window', { from: formatDay(o.dataFrom, lang), to: formatDay(o.dataTo, lang) }) : t('analytics.meta.noData')}
        {' · '}{t('analytics.meta.zone', { zone: o.timezone, currency: o.currency })}
      </Text>
      <Text size="xs" c="dimmed" data-testid="analytics-as-of">
        {o.refreshedAt ? t('analytics.meta.asOf', { at: format.dateTime(o.refreshedAt) }) : t('analytics.meta.neverRefreshed')}
      </Text>
      {o.excludedOtherCurrency > 0 && (
        <Tooltip label={t('analytics.meta.excludedHelp', { currency: o.currency })} multiline w={300} withArrow>
          <Badge size="sm" variant="light" color="gray" tt="none" tabIndex={0} data-testid="analytics-excluded" data-count={o.excludedOtherCurrency}>
            {t('analytics.meta.excluded', { count: o.excludedOtherCurrency, formatted: formatCount(o.excludedOtherCurrency, lang), currency: o.currency })}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
