import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TopCustomer } from '@careloop/contracts';
import { formatMinor } from '../commerce/money.ts';
import { CustomerName } from './CustomerName.tsx';
import { formatCount, formatPercent } from './format.ts';
import { SegmentBadge } from './SegmentBadge.tsx';

/** The customers with the most revenue in the filtered window, with their share of it. */
export function TopCustomersTable({ top, currency, total }: { top: TopCustomer[]; currency: string; total: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div style={{ overflowX: 'auto', maxHeight: 320 }}>
      <Table verticalSpacing={4} fz="xs" stickyHeader data-testid="top-customers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('analytics.customers.name')}</Table.Th>
            <Table.Th>{t('analytics.customers.segment')}</Table.Th>
            <Table.Th ta="right">{t('analytics.customers.orders')}</Table.Th>
            <Table.Th ta="right">{t('analytics.customers.revenue')}</Table.Th>
            <Table.Th ta="right">{t('analytics.customers.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top.map((c, i) => (
            <Table.Tr key={c.contactId} data-testid="top-customer">
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td><CustomerName contactId={c.contactId} name={c.name} /></Table.Td>
              <Table.Td><SegmentBadge segment={c.segment} size="xs" /></Table.Td>
              <Table.Td ta="right">{formatCount(c.occasions, lang)}</Table.Td>
              <Table.Td ta="right">{formatMinor(c.revenue, currency, lang)}</Table.Td>
              <Table.Td ta="right">{formatPercent(total > 0 ? c.revenue / total : null, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
