import { Anchor, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { reportLimits, type RepeatContactRow, type ReportRepeatsDto } from '@careloop/contracts';
import type { Query } from '../../lib/api.ts';
import { useFormat } from '../../ui/useFormat.ts';
import { ChartCard } from '../analytics/ChartCard.tsx';
import { formatCount, formatDecimal, formatPercent } from '../analytics/format.ts';
import { KpiCard } from '../analytics/KpiCard.tsx';
import { Loaded } from './Loaded.tsx';
import { useReportRepeats } from './queries.ts';
import { ReportsMeta } from './ReportsMeta.tsx';

/** A triage intent in words; a conversation triage could not read has none. */
function useIntentText() {
  const { t, i18n } = useTranslation();
  return (intent: string | null) => (intent ? (i18n.exists(`triage.intent.${intent}`) ? t(`triage.intent.${intent}`) : intent) : t('reports.repeats.noIntent'));
}

function RecentTable({ rows }: { rows: RepeatContactRow[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const intentText = useIntentText();
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table striped verticalSpacing={6} fz="sm" data-testid="repeats-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.repeats.columns.customer')}</Table.Th>
            <Table.Th>{t('reports.repeats.columns.intent')}</Table.Th>
            <Table.Th>{t('reports.repeats.columns.previous')}</Table.Th>
            <Table.Th>{t('reports.repeats.columns.repeat')}</Table.Th>
            <Table.Th ta="right">{t('reports.repeats.columns.gap')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.conversationId} data-testid="repeat-row">
              <Table.Td>
                <Anchor component={Link} to={`/contacts/${r.contactId}`} size="sm">{r.contactName || t('reports.repeats.unnamed')}</Anchor>
              </Table.Td>
              <Table.Td>{intentText(r.intent)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/conversations/${r.previousConversationId}`} size="sm" data-testid="repeat-previous">#{r.previousNumber}</Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={`/conversations/${r.conversationId}`} size="sm" data-testid="repeat-current">#{r.number}</Anchor>
                  <Text size="xs" c="dimmed">{format.dateTime(r.createdAt)}</Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right">{t('reports.repeats.hoursAfter', { hours: formatDecimal(r.hoursAfterResolution, i18n.language, 1) })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

export function RepeatsBody({ repeats: r }: { repeats: ReportRepeatsDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const intentText = useIntentText();
  const windowDays = reportLimits.repeatWindowDays;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <KpiCard testId="repeats-count" label={t('reports.repeats.kpi.count')} value={formatCount(r.repeats, lang)}
          explanation={t('reports.repeats.kpi.countExplain', { count: windowDays })} />
        <KpiCard testId="repeats-rate" label={t('reports.repeats.kpi.rate')} value={formatPercent(r.rate, lang)}
          detail={t('reports.repeats.kpi.rateDetail', { repeats: formatCount(r.repeats, lang), conversations: formatCount(r.conversations, lang) })}
          explanation={t('reports.repeats.kpi.rateExplain')} />
        <KpiCard testId="repeats-top-intent" label={t('reports.repeats.kpi.topIntent')} value={r.byIntent[0] ? intentText(r.byIntent[0].intent) : '—'}
          detail={r.byIntent[0] ? t('reports.repeats.kpi.topIntentDetail', { count: r.byIntent[0].repeats, formatted: formatCount(r.byIntent[0].repeats, lang) }) : undefined}
          explanation={t('reports.repeats.kpi.topIntentExplain')} />
      </SimpleGrid>
      {r.byIntent.length > 1 && (
        <Group gap="md" wrap="wrap" data-testid="repeats-by-intent">
          {r.byIntent.map((b) => <Text key={b.intent ?? '-'} size="sm">{intentText(b.intent)}: <b>{formatCount(b.repeats, lang)}</b></Text>)}
        </Group>
      )}
      <ChartCard title={t('reports.repeats.recent', { count: reportLimits.repeatListSize })} description={t('reports.repeats.recentHelp')} testId="card-repeats">
        {r.recent.length === 0 ? <Text size="sm" c="dimmed" data-testid="repeats-empty">{t('reports.repeats.empty')}</Text> : <RecentTable rows={r.recent} />}
      </ChartCard>
    </>
  );
}

/** Customers who had to come back about the same thing soon after it was resolved. */
export function RepeatsTab({ query }: { query: Query }) {
  const repeats = useReportRepeats(query);
  return (
    <Stack gap="md" data-testid="reports-repeats" aria-busy={repeats.isFetching}>
      <Loaded query={repeats} testId="reports-repeats">
        {(r) => (
          <>
            <ReportsMeta meta={r.meta} />
            <RepeatsBody repeats={r} />
          </>
        )}
      </Loaded>
    </Stack>
  );
}
