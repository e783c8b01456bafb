import { useState } from 'react';
import { Alert, Group, Loader, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HelpStatsDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { KpiCard } from '../analytics/KpiCard.tsx';
import { helpfulPercent } from './ArticleSidebar.tsx';
import { useHelpStats } from './queries.ts';

const periods = [7, 30, 90] as const;

/** Share of judged suggestion clicks that were not followed by a conversation; null without clicks. */
export function deflectionPercent(d: HelpStatsDto['deflection']): number | null {
  return d.clicks ? Math.round((d.deflected / d.clicks) * 1000) / 10 : null;
}

/** The help center's effect: conversations deflected by widget suggestions, helpfulness, views, top articles. */
export function StatsPanel() {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(30);
  const stats = useHelpStats(days);
  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{t('helpcenter.stats.help')}</Text>
        <SegmentedControl size="xs" value={String(days)} onChange={(v) => setDays(Number(v))} data-testid="help-stats-period"
          data={periods.map((p) => ({ value: String(p), label: t('helpcenter.stats.lastDays', { count: p }) }))} />
      </Group>
      {stats.error && <ErrorAlert error={stats.error} />}
      {!stats.data && !stats.error && <Loader size="sm" />}
      {stats.data && <StatsBody stats={stats.data} />}
    </Stack>
  );
}

export function StatsBody({ stats }: { stats: HelpStatsDto }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language === 'vi' ? 'vi-VN' : 'en-US');
  const d = stats.deflection;
  const rate = deflectionPercent(d);
  const helpful = helpfulPercent(stats.feedback.helpful, stats.feedback.notHelpful);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <KpiCard testId="help-kpi-deflected" label={t('helpcenter.stats.deflected')} value={n(d.deflected)}
          detail={rate === null ? t('helpcenter.stats.deflectedNone', { minutes: d.windowMinutes }) : t('helpcenter.stats.deflectedDetail', { deflected: n(d.deflected), clicks: n(d.clicks), percent: rate })}
          explanation={t('helpcenter.stats.deflectedHelp', { minutes: d.windowMinutes, anonymous: n(d.anonymousClicks) })} />
        <KpiCard testId="help-kpi-helpful" label={t('helpcenter.stats.helpfulHead')} value={helpful === null ? '—' : `${helpful}%`}
          detail={t('helpcenter.stats.helpfulDetail', { yes: n(stats.feedback.helpful), no: n(stats.feedback.notHelpful) })}
          explanation={t('helpcenter.stats.helpfulHelp')} />
        <KpiCard testId="help-kpi-views" label={t('helpcenter.stats.views')} value={n(stats.views)} explanation={t('helpcenter.stats.viewsHelp')} />
        <KpiCard testId="help-kpi-articles" label={t('helpcenter.stats.articles')} value={n(stats.articles.published)}
          detail={t('helpcenter.stats.articlesDetail', { published: n(stats.articles.published), draft: n(stats.articles.draft) })}
          explanation={t('helpcenter.stats.articlesHelp')} />
      </SimpleGrid>
      <Title order={2} size="h5" mt="sm">{t('helpcenter.stats.top')}</Title>
      {stats.top.length === 0
        ? <Alert color="gray" p="sm" data-testid="help-stats-no-top">{t('helpcenter.stats.noTop')}</Alert>
        : (
          <Table verticalSpacing={4} data-testid="help-stats-top">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('helpcenter.list.title')}</Table.Th>
                <Table.Th ta="right">{t('helpcenter.stats.views')}</Table.Th>
                <Table.Th ta="right">{t('helpcenter.stats.helpful')}</Table.Th>
                <Table.Th ta="right">{t('helpcenter.stats.notHelpful')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.top.map((a) => (
                <Table.Tr key={a.articleId} data-testid="help-stats-top-row">
                  <Table.Td><Link to={`/helpcenter/articles/${a.articleId}`} className="help-row-link">{a.title || t('helpcenter.editor.untitled')}</Link></Table.Td>
                  <Table.Td ta="right">{n(a.views)}</Table.Td>
                  <Table.Td ta="right">{n(a.helpful)}</Table.Td>
                  <Table.Td ta="right">{n(a.notHelpful)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </>
  );
}
