import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderImportDto } from '@careloop/contracts';
import { formatNumber } from '../../../lib/format.ts';
import { useFormat } from '../../../ui/useFormat.ts';

const statusColor = { running: 'blue', done: 'teal', failed: 'red' } as const;

/** Past imports, newest first (the server's order). */
export function ImportHistory({ imports }: { imports: OrderImportDto[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (imports.length === 0) return <Text size="sm" c="dimmed">{t('shop.imports.noHistory')}</Text>;
  return (
    <Table verticalSpacing={6} data-testid="import-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('shop.imports.when')}</Table.Th><Table.Th>{t('shop.imports.file')}</Table.Th><Table.Th>{t('shop.imports.preset')}</Table.Th>
          <Table.Th>{t('shop.imports.status')}</Table.Th><Table.Th ta="right">{t('shop.imports.accepted')}</Table.Th><Table.Th ta="right">{t('shop.imports.rejected')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {imports.map((i) => (
          <Table.Tr key={i.id} data-testid="import-history-row">
            <Table.Td><Text size="xs">{format.dateTime(i.createdAt)}</Text></Table.Td>
            <Table.Td maw={220}><Text size="sm" truncate>{i.fileName ?? '—'}</Text></Table.Td>
            <Table.Td><Text size="xs">{t(`shop.presets.${i.preset}`, { defaultValue: i.preset })}</Text></Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={statusColor[i.status]} tt="none">{t(`shop.imports.statuses.${i.status}`)}</Badge>
              {i.dryRun && <Badge size="sm" variant="outline" color="gray" tt="none" ml={4}>{t('shop.imports.dryRunBadge')}</Badge>}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(i.accepted, i18n.language)}</Table.Td>
            <Table.Td ta="right">{formatNumber(i.rejected, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
