import { Alert, Card, Group, Loader, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryRow, RetentionImpactDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { formatMinor } from '../commerce/money.ts';
import { formatCount, formatPercent } from './format.ts';
import { analyticsKeys } from './keys.ts';

const windows = ['30', '60', '90', '180'] as const;

/** One recovery figure: the rate, with who it is made of. */
function RateCard({ title, explain, row, testId }: { title: string; explain: string; row: RecoveryRow; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">{title}</Text>
      <Text fz={28} fw={700}>{formatPercent(row.rate, i18n.language)}</Text>
      <Text size="xs" c="dimmed">{t('analytics.impact.ofEligible', { recovered: formatCount(row.recovered, i18n.language), eligible: formatCount(row.eligible, i18n.language) })}</Text>
      <Text size="xs" mt={6}>{explain}</Text>
    </Card>
  );
}

function RowsTable({ rows, label }: { rows: RecoveryRow[]; label: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table withTableBorder striped>
      <Table.Thead><Table.Tr><Table.Th /><Table.Th>{t('analytics.impact.eligible')}</Table.Th><Table.Th>{t('analytics.impact.recovered')}</Table.Th><Table.Th>{t('analytics.impact.rate')}</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}><Table.Td>{label(r.key)}</Table.Td><Table.Td>{formatCount(r.eligible, i18n.language)}</Table.Td><Table.Td>{formatCount(r.recovered, i18n.language)}</Table.Td><Table.Td>{formatPercent(r.rate, i18n.language)}</Table.Td></Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Support meets retention: does care turn into repurchase? (`GET /analytics/impact`). */
export function ImpactTab() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<(typeof windows)[number]>('90');
  const impact = useQuery({
    queryKey: [...analyticsKeys.all, 'impact', days],
    queryFn: ({ signal }) => api.get<RetentionImpactDto>('/analytics/impact', { days }, signal),
  });
  if (impact.isLoading) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (!impact.data) return <Alert color="red">{t('analytics.impact.failed')}</Alert>;
  const d = impact.data;
  const money = (v: number) => formatMinor(v, d.currency, i18n.language);
  return (
    <Stack gap="md" data-testid="analytics-impact">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>{t('analytics.impact.intro', { days: d.days })}</Text>
        <SegmentedControl size="xs" value={days} onChange={(v) => setDays(v as typeof days)} data={windows.map((w) => ({ value: w, label: t('analytics.impact.days', { days: w }) }))} />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <RateCard testId="impact-recovery" title={t('analytics.impact.recovery')} explain={t('analytics.impact.recoveryExplain', { days: d.days })} row={d.recovery.negative} />
        <RateCard testId="impact-calm" title={t('analytics.impact.calm')} explain={t('analytics.impact.calmExplain', { days: d.days })} row={d.recovery.contactWithoutComplaint} />
        <RateCard testId="impact-none" title={t('analytics.impact.none')} explain={t('analytics.impact.noneExplain', { days: d.days })} row={d.recovery.noContactBaseline} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Title order={3} size="h5" mb="xs">{t('analytics.impact.byAction')}</Title>
          <RowsTable rows={d.recovery.byAction} label={(k) => t(`analytics.impact.action.${k}`, { defaultValue: k })} />
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">{t('analytics.impact.byPrior')}</Title>
          <RowsTable rows={d.recovery.byPriorOccasions} label={(k) => t('analytics.impact.prior', { count: k })} />
        </div>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Title order={3} size="h5" mb="xs">{t('analytics.impact.revenueByAgent', { days: d.days })}</Title>
          <Table withTableBorder striped>
            <Table.Tbody>
              {d.revenueAfterConversation.byAgent.map((r) => (
                <Table.Tr key={r.agentId ?? 'none'}><Table.Td>{r.name ?? t('analytics.impact.unassigned')}</Table.Td><Table.Td>{t('analytics.impact.conversations', { count: r.conversations })}</Table.Td><Table.Td>{money(r.revenue)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">{t('analytics.impact.revenueByChannel', { days: d.days })}</Title>
          <Table withTableBorder striped>
            <Table.Tbody>
              {d.revenueAfterConversation.byChannel.map((r) => (
                <Table.Tr key={r.channel}><Table.Td>{r.channel}</Table.Td><Table.Td>{t('analytics.impact.conversations', { count: r.conversations })}</Table.Td><Table.Td>{money(r.revenue)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>
      <Card withBorder padding="md" data-testid="impact-compensation">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">{t('analytics.impact.compensation')}</Text>
        <Text size="sm">{t('analytics.impact.compensationLine', { spent: money(d.compensation.spent), recipients: d.compensation.recipients, retained: money(d.compensation.retainedRevenue), days: d.days })}</Text>
      </Card>
    </Stack>
  );
}
