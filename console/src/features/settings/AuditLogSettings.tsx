import { useMemo } from 'react';
import { Badge, Code, Loader, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto, Page } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { SectionHeader } from './SectionHeader.tsx';

/** Who did what, newest first, fifty at a time. */
export default function AuditLogSettings() {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useInfiniteQuery({
    queryKey: keys.auditLog,
    queryFn: ({ pageParam, signal }) => api.get<Page<AuditEntryDto>>('/audit-log', { cursor: pageParam, limit: 50 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = useMemo(() => (log.data?.pages ?? []).flatMap((p) => p.items), [log.data]);

  return (
    <>
      <SectionHeader title={t('settings.sections.audit-log')} description={t('audit.description')} />
      {log.error && <ErrorAlert error={log.error} />}
      <Table verticalSpacing={4} striped data-testid="audit-log" fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
            <Table.Th>IP</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-testid="audit-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(e.createdAt)}</Table.Td>
              <Table.Td>
                <Badge size="xs" variant="light" color="gray" mr={4}>{t(`audit.actorType.${e.actor.type}`)}</Badge>
                {e.actor.name ?? e.actor.id ?? ''}
              </Table.Td>
              <Table.Td><Code>{e.action}</Code></Table.Td>
              <Table.Td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</Table.Td>
              <Table.Td maw={320}>
                {Object.keys(e.details ?? {}).length > 0 && (
                  <Text size="xs" ff="monospace" lineClamp={2} title={JSON.stringify(e.details)}>{JSON.stringify(e.details)}</Text>
                )}
              </Table.Td>
              <Table.Td>{e.ip ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {log.isLoading && <Loader size="sm" m="md" />}
      {log.isSuccess && entries.length === 0 && <Text size="sm" c="dimmed" p="md">{t('audit.empty')}</Text>}
      <LoadMore hasMore={log.hasNextPage} loading={log.isFetchingNextPage} onLoad={() => void log.fetchNextPage()} />
    </>
  );
}
