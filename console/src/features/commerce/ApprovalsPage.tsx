import { Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { atLeast } from './authority.ts';
import { ApprovalRow } from './ApprovalRow.tsx';
import { useApprovals, useCompensationBudget } from './compensationQueries.ts';
import type { ApprovalFilter } from './keys.ts';
import { formatVnd } from './money.ts';
import { formatMonth } from './status.ts';

const filters: ApprovalFilter[] = ['pending', 'approved', 'denied', 'all'];

function Budget() {
  const { t, i18n } = useTranslation();
  const budget = useCompensationBudget();
  const b = budget.data;
  if (!b) return null;
  const money = (n: number) => formatVnd(n, i18n.language);
  const month = formatMonth(b.month, i18n.language);
  return (
    <Text size="sm" c={b.exceeded ? 'red.7' : 'dimmed'} data-testid="compensation-budget" data-exceeded={b.exceeded}>
      {b.budget === null
        ? t('commerce.budget.noBudget', { month, spent: money(b.spent) })
        : t('commerce.budget.line', { month, spent: money(b.spent), budget: money(b.budget) })}
    </Text>
  );
}

/** `/approvals`: compensation requests above an agent's limit. New ones appear live; decided ones move on. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: ApprovalFilter = filters.includes(raw as ApprovalFilter) ? (raw as ApprovalFilter) : 'pending';
  const list = useApprovals(status);
  const items = [...(list.data ?? [])].sort((a, b) => (status === 'pending' ? a.createdAt.localeCompare(b.createdAt) : b.createdAt.localeCompare(a.createdAt)));

  return (
    <div className="page" data-testid="approvals-page">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={1} size="h3">{t('commerce.approval.title')}</Title>
          {atLeast(me.agent.role, 'supervisor') && <Budget />}
        </div>
        <SegmentedControl size="xs" value={status} onChange={(v) => setParams(v === 'pending' ? {} : { status: v }, { replace: true })}
          data={filters.map((f) => ({ value: f, label: t(`commerce.approval.filter.${f}`) }))} data-testid="approvals-filter" />
      </Group>
      {list.isLoading && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && items.length === 0 && <Text c="dimmed" size="sm" data-testid="approvals-empty">{t('commerce.approval.empty')}</Text>}
      <Stack gap="xs" maw={760} data-testid="approvals-list">
        {items.map((a) => <ApprovalRow key={a.id} approval={a} />)}
      </Stack>
    </div>
  );
}
