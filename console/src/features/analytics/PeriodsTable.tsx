import { Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeriodRow, Ratio } from '@careloop/contracts';
import { formatMinor } from '../commerce/money.ts';
import { formatCount, formatPercent } from './format.ts';
import { IncompleteBadge } from './IncompleteBadge.tsx';

/** A ratio with its parts on hover ("12 / 80"), so the percentage can be checked. */
function RatioCell({ ratio }: { ratio: Ratio | null }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  if (!ratio) return <Table.Td ta="right">—</Table.Td>;
  return (
    <Table.Td ta="right">
      <Tooltip label={`${formatCount(ratio.numerator, lang)} / ${formatCount(ratio.denominator, lang)}`} withArrow>
        <span tabIndex={0}>{formatPercent(ratio.value, lang)}</span>
      </Tooltip>
    </Table.Td>
  );
}

/** The figures behind the period charts, one row per period, newest first. */
export function PeriodsTable({ periods, currency }: { periods: PeriodRow[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (n: number) => formatMinor(n, currency, lang);
  return (
    <div style={{ overflowX: 'auto', maxHeight: 420 }}>
      <Table striped verticalSpacing={4} fz="xs" stickyHeader data-testid="periods-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('analytics.periods.period')}</Table.Th>
            <Table.Th ta="right">{t('analytics.periods.customers')}</Table.Th>
            <Table.Th ta="right"><Tooltip label={t('analytics.kpi.repeatRate.explain')} multiline w={280}><span tabIndex={0}>{t('analytics.periods.repeatRate')}</span></Tooltip></Table.Th>
            <Table.Th ta="right"><Tooltip label={t('analytics.periods.returningHelp')} multiline w={280}><span tabIndex={0}>{t('analytics.periods.returning')}</span></Tooltip></Table.Th>
            <Table.Th ta="right"><Tooltip label={t('analytics.periods.popHelp')} multiline w={280}><span tabIndex={0}>{t('analytics.periods.pop')}</span></Tooltip></Table.Th>
            <Table.Th ta="right">{t('analytics.periods.occasions')}</Table.Th>
            <Table.Th ta="right">{t('analytics.periods.revenue')}</Table.Th>
            <Table.Th ta="right">{t('analytics.periods.newRevenue')}</Table.Th>
            <Table.Th ta="right">{t('analytics.periods.returningRevenue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...periods].reverse().map((p) => (
            <Table.Tr key={p.start} data-testid="period-row" data-incomplete={p.incompleteHistory}>
              <Table.Td><Group gap={4} wrap="nowrap"><Text size="xs" fw={500}>{p.period}</Text>{p.incompleteHistory && <IncompleteBadge />}</Group></Table.Td>
              <Table.Td ta="right">{formatCount(p.customers, lang)}</Table.Td>
              <RatioCell ratio={p.repeatRate} />
              <RatioCell ratio={p.returningShare} />
              <RatioCell ratio={p.periodOverPeriod} />
              <Table.Td ta="right">{formatCount(p.occasions, lang)}</Table.Td>
              <Table.Td ta="right">{money(p.revenue)}</Table.Td>
              <Table.Td ta="right">{money(p.newRevenue)}</Table.Td>
              <Table.Td ta="right">{money(p.returningRevenue)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
