import { Alert, Group, Tabs, Text, Title } from '@mantine/core';
import { IconChartLine, IconHeartHandshake, IconSparkles, IconUsersGroup } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { canSeeAnalytics } from './access.ts';
import { OverviewTab } from './OverviewTab.tsx';
import { PredictionsTab } from './PredictionsTab.tsx';
import { LatestRunNote, RefreshControl } from './RefreshControl.tsx';
import { SegmentsTab } from './SegmentsTab.tsx';
import { ImpactTab } from './ImpactTab.tsx';

const tabs = ['overview', 'predictions', 'segments', 'impact'] as const;
type Tab = (typeof tabs)[number];

/**
 * `/analytics` (supervisors and up): retention figures of the shop. Loaded on demand, so the charting
 * library stays out of the inbox's first load. The tab and the overview's filters live in the URL.
 */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = tabs.includes(raw as Tab) ? (raw as Tab) : 'overview';
  const select = (next: string | null) => {
    const p = new URLSearchParams(params);
    if (!next || next === 'overview') p.delete('tab');
    else p.set('tab', next);
    setParams(p, { replace: true });
  };

  if (!canSeeAnalytics(me.agent.role)) {
    return <div className="page"><Alert color="red" role="alert" data-testid="analytics-forbidden">{t('analytics.forbidden')}</Alert></div>;
  }
  return (
    <div className="page" data-testid="analytics-page">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h3">{t('analytics.title')}</Title>
          <Text size="sm" c="dimmed" maw={640}>{t('analytics.subtitle')}</Text>
        </div>
        <RefreshControl />
      </Group>
      <LatestRunNote />
      <Tabs value={tab} onChange={select} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconChartLine size={14} aria-hidden />} data-testid="analytics-tab-overview">{t('analytics.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="predictions" leftSection={<IconSparkles size={14} aria-hidden />} data-testid="analytics-tab-predictions">{t('analytics.tabs.predictions')}</Tabs.Tab>
          <Tabs.Tab value="segments" leftSection={<IconUsersGroup size={14} aria-hidden />} data-testid="analytics-tab-segments">{t('analytics.tabs.segments')}</Tabs.Tab>
          <Tabs.Tab value="impact" leftSection={<IconHeartHandshake size={14} aria-hidden />} data-testid="analytics-tab-impact">{t('analytics.tabs.impact')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview"><OverviewTab /></Tabs.Panel>
        <Tabs.Panel value="predictions"><PredictionsTab /></Tabs.Panel>
        <Tabs.Panel value="segments"><SegmentsTab /></Tabs.Panel>
        <Tabs.Panel value="impact"><ImpactTab /></Tabs.Panel>
      </Tabs>
    </div>
  );
}
