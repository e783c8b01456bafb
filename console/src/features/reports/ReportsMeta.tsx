import { Alert, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportMeta } from '@careloop/contracts';
import { useFormat } from '../../ui/useFormat.ts';
import { formatDay } from '../analytics/format.ts';
import { daysIn } from './filters.ts';

/** What the figures cover: the days (in the shop's zone), how fresh they are, and a note while they are rebuilt. */
export function ReportsMeta({ meta }: { meta: ReportMeta }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language;
  return (
    <>
      <Group gap="xs" wrap="wrap" data-testid="reports-meta">
        <Text size="xs" c="dimmed" data-testid="reports-range-text">
          {t('reports.meta.range', { from: formatDay(meta.from, lang), to: formatDay(meta.to, lang), count: daysIn(meta.from, meta.to) })}
          {' · '}{t('reports.meta.zone', { zone: meta.timeZone })}
        </Text>
        <Text size="xs" c="dimmed" data-testid="reports-as-of">{t('reports.meta.asOf', { at: format.dateTime(meta.asOf) })}</Text>
      </Group>
      {meta.rebuilding && <Alert color="yellow" p="xs" data-testid="reports-rebuilding">{t('reports.meta.rebuilding')}</Alert>}
    </>
  );
}
