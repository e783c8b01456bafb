import { useMemo } from 'react';
import { Group, Tabs, Text, Title } from '@mantine/core';
import { IconChartDots, IconRepeat, IconUsers } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { canExportReports, canSeeTeamReports } from './access.ts';
import { AgentsTab } from './AgentsTab.tsx';
import { ExportButton } from './ExportButton.tsx';
import { readFilters, reportQueryOf, todayIn, writeFilters, type ReportFilters } from './filters.ts';
import { OverviewTab } from './OverviewTab.tsx';
import { ReportsFilterBar } from './ReportsFilterBar.tsx';
import { RepeatsTab } from './RepeatsTab.tsx';

const tabs = ['overview', 'agents', 'repeats'] as const;
type Tab = (typeof tabs)[number];

/**
 * `/reports`: service reports (response and resolution times, SLA, volume, heatmap, backlog, agents,
 * repeat contacts). Supervisors and up see the team; an agent sees their own figures, as the server
 * pins them. The tab and every filter live in the URL, so a view can be shared as a link.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const teamView = canSeeTeamReports(me.agent.role);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const today = todayIn(me.workspace.timezone);
  const query = useMemo(() => reportQueryOf(filters, today, teamView), [filters, today, teamView]);
  const raw = params.get('tab');
  const tab: Tab = tabs.includes(raw as Tab) ? (raw as Tab) : 'overview';

  const setFilters = (next: ReportFilters) => setParams(writeFilters(params, next), { replace: true });
  const select = (next: string | null) => {
    const p = new URLSearchParams(params);
    if (!next || next === 'overview') p.delete('tab');
    else p.set('tab', next);
    setParams(p, { replace: true });
  };

  return (
    <div className="page" data-testid="reports-page">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h3">{t('reports.title')}</Title>
          <Text size="sm" c="dimmed" maw={680} data-testid="reports-scope">{teamView ? t('reports.subtitleTeam') : t('reports.subtitleOwn')}</Text>
        </div>
        {canExportReports(me.agent.role) && <ExportButton query={query} />}
      </Group>
      <ReportsFilterBar filters={filters} onChange={setFilters} teamView={teamView} today={today} />
      <Tabs value={tab} onChange={select} keepMounted={false} mt="md">
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconChartDots size={14} aria-hidden />} data-testid="reports-tab-overview">{t('reports.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="agents" leftSection={<IconUsers size={14} aria-hidden />} data-testid="reports-tab-agents">
            {teamView ? t('reports.tabs.agents') : t('reports.tabs.me')}
          </Tabs.Tab>
          <Tabs.Tab value="repeats" leftSection={<IconRepeat size={14} aria-hidden />} data-testid="reports-tab-repeats">{t('reports.tabs.repeats')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview"><OverviewTab query={query} hours={filters.hours} /></Tabs.Panel>
        <Tabs.Panel value="agents"><AgentsTab query={query} hours={filters.hours} /></Tabs.Panel>
        <Tabs.Panel value="repeats"><RepeatsTab query={query} /></Tabs.Panel>
      </Tabs>
    </div>
  );
}
