import { useState } from 'react';
import { Alert, Button, Group, Loader, Select, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { segmentNames, type CustomerListQuery, type SegmentName } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatMinor } from '../commerce/money.ts';
import { ChartCard } from './ChartCard.tsx';
import { CsvButton } from './CsvButton.tsx';
import { csvHref } from './csv.ts';
import { CustomerName } from './CustomerName.tsx';
import { formatCount, formatDay, formatPercent } from './format.ts';
import { useCustomers } from './queries.ts';
import { RiskBadge, SegmentBadge, VipBadge } from './SegmentBadge.tsx';

type Sort = CustomerListQuery['sort'];
const sorts: Sort[] = ['churn_risk', 'revenue', 'predicted_clv', 'last_order'];
const pageSize = 50;

/** Customers with their segment and forecasts, filtered by segment and VIP, sorted by risk, value or recency. */
export function CustomerTable({ segment, onSegment, currency }: { segment: SegmentName | null; onSegment: (s: SegmentName | null) => void; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [vip, setVip] = useState(false);
  const [sort, setSort] = useState<Sort>('churn_risk');
  // The page belongs to the segment it was turned for: choosing a segment (here or on a card) starts at page 1.
  const [paging, setPaging] = useState<{ segment: SegmentName | null; page: number }>({ segment, page: 0 });
  const page = paging.segment === segment ? paging.page : 0;
  const setPage = (next: number) => setPaging({ segment, page: next });
  const filter = { sort, limit: pageSize, offset: page * pageSize, ...(segment ? { segment } : {}), ...(vip ? { vip } : {}) };
  const list = useCustomers(filter);
  const rows = list.data ?? [];
  const reset = () => setPage(0);
  const money = (n: number | null) => formatMinor(n, currency, lang);

  return (
    <ChartCard title={t('analytics.customers.title')} description={t('analytics.customers.description')} testId="card-customers"
      actions={<CsvButton href={csvHref('/customers.csv', { segment: segment ?? undefined, sort, vip: vip ? 'true' : undefined })} what={t('analytics.customers.title')} testId="csv-customers" />}>
      <Group gap="sm" align="flex-end" mb="sm" wrap="wrap">
        <Select size="xs" w={210} label={t('analytics.filters.segment')} placeholder={t('analytics.filters.allSegments')} clearable value={segment}
          data={segmentNames.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))} data-testid="customers-segment"
          onChange={(v) => { onSegment(v as SegmentName | null); reset(); }} />
        <Select size="xs" w={210} label={t('analytics.customers.sort')} value={sort} allowDeselect={false} data-testid="customers-sort"
          data={sorts.map((s) => ({ value: s, label: t(`analytics.customers.sorts.${s}`) }))} onChange={(v) => { if (v) setSort(v as Sort); reset(); }} />
        <Switch size="sm" label={t('analytics.customers.vipOnly')} checked={vip} data-testid="customers-vip"
          onChange={(e) => { setVip(e.currentTarget.checked); reset(); }} />
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      {rows.some((c) => c.lowConfidence) && <Alert color="yellow" p="xs" mb="xs">{t('analytics.explain.lowConfidence')}</Alert>}
      <div style={{ overflowX: 'auto' }}>
        <Table verticalSpacing={4} fz="xs" striped highlightOnHover data-testid="customer-table" aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.customers.name')}</Table.Th>
              <Table.Th>{t('analytics.customers.segment')}</Table.Th>
              <Table.Th ta="right">{t('analytics.customers.orders')}</Table.Th>
              <Table.Th ta="right">{t('analytics.customers.revenue')}</Table.Th>
              <Table.Th>{t('analytics.customers.lastOrder')}</Table.Th>
              <Table.Th ta="right">{t('analytics.contact.pAlive')}</Table.Th>
              <Table.Th>{t('analytics.contact.churnRisk')}</Table.Th>
              <Table.Th ta="right">{t('analytics.customers.predictedClv')}</Table.Th>
              <Table.Th>{t('analytics.contact.nextOrder')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.contactId} data-testid="customer-row" data-contact-id={c.contactId}>
                <Table.Td><Group gap={4} wrap="nowrap"><CustomerName contactId={c.contactId} name={c.name} />{c.vip && <VipBadge size="xs" />}</Group></Table.Td>
                <Table.Td><SegmentBadge segment={c.segment} size="xs" /></Table.Td>
                <Table.Td ta="right">{formatCount(c.occasions, lang)}</Table.Td>
                <Table.Td ta="right">{money(c.revenue)}</Table.Td>
                <Table.Td>{formatDay(c.lastOrderOn, lang)}</Table.Td>
                <Table.Td ta="right">{formatPercent(c.pAlive, lang, 0)}</Table.Td>
                <Table.Td><Group gap={4} wrap="nowrap">{c.churnRisk !== null && <span>{formatPercent(c.churnRisk, lang, 0)}</span>}<RiskBadge band={c.riskBand} size="xs" /></Group></Table.Td>
                <Table.Td ta="right">{money(c.predictedClv)}</Table.Td>
                <Table.Td>{formatDay(c.expectedNextOrderOn, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {list.isLoading && <Loader size="sm" m="md" aria-label={t('common.loading')} />}
      {list.data && rows.length === 0 && <Text size="sm" c="dimmed" p="sm">{t('analytics.empty.noCustomers')}</Text>}
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">{rows.length > 0 && t('analytics.customers.range', { from: formatCount(page * pageSize + 1, lang), to: formatCount(page * pageSize + rows.length, lang) })}</Text>
        <Group gap={4}>
          <Button size="compact-xs" variant="default" disabled={page === 0} onClick={() => setPage(page - 1)} data-testid="customers-prev">{t('analytics.customers.prev')}</Button>
          <Button size="compact-xs" variant="default" disabled={rows.length < pageSize} onClick={() => setPage(page + 1)} data-testid="customers-next">{t('analytics.customers.next')}</Button>
        </Group>
      </Group>
    </ChartCard>
  );
}
