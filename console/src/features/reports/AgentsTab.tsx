import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../lib/api.ts';
import { ChartCard } from '../analytics/ChartCard.tsx';
import { AgentTable } from './AgentTable.tsx';
import type { HoursMode } from './filters.ts';
import { Loaded } from './Loaded.tsx';
import { useReportAgents } from './queries.ts';
import { ReportsMeta } from './ReportsMeta.tsx';

/** Agent performance for the range and filters (an agent sees their own row only). */
export function AgentsTab({ query, hours }: { query: Query; hours: HoursMode }) {
  const { t } = useTranslation();
  const agents = useReportAgents(query);
  return (
    <Stack gap="md" data-testid="reports-agents" aria-busy={agents.isFetching}>
      <Loaded query={agents} testId="reports-agents">
        {(a) => (
          <>
            <ReportsMeta meta={a.meta} />
            <ChartCard title={t('reports.agents.title')} description={t('reports.agents.description', { mode: t(`reports.hours.${hours}`) })} testId="card-agents">
              {a.agents.length === 0
                ? <Text size="sm" c="dimmed" data-testid="agents-empty">{t('reports.agents.empty')}</Text>
                : <AgentTable rows={a.agents} hours={hours} />}
            </ChartCard>
          </>
        )}
      </Loaded>
    </Stack>
  );
}
