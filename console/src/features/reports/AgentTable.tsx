import { useState } from 'react';
import { Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AgentPerformanceRow } from '@careloop/contracts';
import { formatCount, formatPercent } from '../analytics/format.ts';
import { nextSort, sortAgents, type AgentSort, type AgentSortKey } from './agentSort.ts';
import { durationText, pick } from './duration.ts';
import type { HoursMode } from './filters.ts';

const numeric: AgentSortKey[] = ['handled', 'replies', 'firstResponse', 'nextResponse', 'resolutions', 'slaRate', 'csat', 'online'];

/** A column header that sorts the table; `aria-sort` tells screen readers the current order. */
function SortHeader({ column, sort, onSort }: { column: AgentSortKey; sort: AgentSort; onSort: (key: AgentSortKey) => void }) {
  const { t } = useTranslation();
  const active = sort.key === column;
  const Icon = !active ? IconArrowsSort : sort.dir === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th ta={numeric.includes(column) ? 'right' : 'left'} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Tooltip label={t(`reports.agents.help.${column}`)} multiline w={260} withArrow openDelay={400}>
        <UnstyledButton onClick={() => onSort(column)} data-testid={`agents-sort-${column}`}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 600, fontSize: 'inherit' }}>
          {t(`reports.agents.columns.${column}`)}
          <Icon size={12} aria-hidden style={{ opacity: active ? 1 : 0.4 }} />
        </UnstyledButton>
      </Tooltip>
    </Table.Th>
  );
}

/** Agent performance, sortable by any column; times in the chosen hours, "≈" when they come from histograms. */
export function AgentTable({ rows, hours }: { rows: AgentPerformanceRow[]; hours: HoursMode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [sort, setSort] = useState<AgentSort>({ key: 'handled', dir: 'desc' });
  const sorted = sortAgents(rows, sort, hours);
  const count = (n: number) => formatCount(n, lang);
  const time = (s: AgentPerformanceRow['firstResponse']) => {
    const median = pick(s, hours).median;
    return median === null ? '—' : `${s.exact ? '' : '≈ '}${durationText(median, t)}`;
  };
  const onSort = (key: AgentSortKey) => setSort((current) => nextSort(current, key));

  return (
    <div style={{ overflowX: 'auto' }}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="agents-table" data-sort={`${sort.key}:${sort.dir}`}>
        <Table.Thead>
          <Table.Tr>
            {(['name', ...numeric] as AgentSortKey[]).map((c) => <SortHeader key={c} column={c} sort={sort} onSort={onSort} />)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((r) => (
            <Table.Tr key={r.agentId} data-testid="agent-row" data-agent={r.agentId}>
              <Table.Td><Text size="sm" fw={500}>{r.name}</Text></Table.Td>
              <Table.Td ta="right" data-testid="agent-handled">{count(r.handled)}</Table.Td>
              <Table.Td ta="right">{count(r.replies)}</Table.Td>
              <Table.Td ta="right" data-testid="agent-first-response">{time(r.firstResponse)}</Table.Td>
              <Table.Td ta="right">{time(r.nextResponse)}</Table.Td>
              <Table.Td ta="right">{count(r.resolutions)}</Table.Td>
              <Table.Td ta="right" title={t('reports.kpi.slaDetail', { met: count(r.sla.firstResponse.met), missed: count(r.sla.firstResponse.missed) })}>
                {formatPercent(r.sla.firstResponse.rate, lang)}
              </Table.Td>
              <Table.Td ta="right" data-testid="agent-csat">
                {r.csat && r.csat.score !== null
                  ? <span title={t('reports.agents.csatDetail', { satisfied: count(r.csat.satisfied), responses: count(r.csat.responses) })}>{formatPercent(r.csat.score / 100, lang, 0)}</span>
                  : '—'}
              </Table.Td>
              <Table.Td ta="right" data-testid="agent-online" title={t('reports.agents.busyDetail', { busy: durationText(r.busySeconds, t) })}>
                {r.onlineSeconds > 0 ? durationText(r.onlineSeconds, t) : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
