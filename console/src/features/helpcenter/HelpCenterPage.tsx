import { Anchor, Group, Tabs, Text, Title } from '@mantine/core';
import { IconChartBar, IconExternalLink, IconFileText, IconFolders, IconPalette } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { canWriteHelp } from './access.ts';
import { ArticleList } from './ArticleList.tsx';
import { CategoryList } from './CategoryList.tsx';
import { useHelpSite } from './queries.ts';
import { SiteSettings } from './SiteSettings.tsx';
import { StatsPanel } from './StatsPanel.tsx';
import './helpcenter.css';

const tabs = ['articles', 'categories', 'stats', 'site'] as const;
type Tab = (typeof tabs)[number];

/** `/helpcenter`: articles, categories, the help center's figures and the public site's look; the tab lives in the URL. */
export default function HelpCenterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const site = useHelpSite();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = tabs.includes(raw as Tab) ? (raw as Tab) : 'articles';
  const canWrite = canWriteHelp(me.agent.role);
  const select = (next: string | null) => {
    const p = new URLSearchParams();
    if (next && next !== 'articles') p.set('tab', next);
    setParams(p, { replace: true });
  };
  return (
    <div className="page" data-testid="help-center-page">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h3">{t('helpcenter.title')}</Title>
          <Text size="sm" c="dimmed" maw={680}>{canWrite ? t('helpcenter.subtitle') : t('helpcenter.subtitleReader')}</Text>
        </div>
        {site.data && (
          <Anchor href={site.data.url} target="_blank" rel="noopener noreferrer" size="sm" data-testid="help-site-link">
            <Group gap={4} component="span"><IconExternalLink size={14} aria-hidden />{t('helpcenter.openSite')}</Group>
          </Anchor>
        )}
      </Group>
      <Tabs value={tab} onChange={select} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="articles" leftSection={<IconFileText size={14} aria-hidden />} data-testid="help-tab-articles">{t('helpcenter.tabs.articles')}</Tabs.Tab>
          <Tabs.Tab value="categories" leftSection={<IconFolders size={14} aria-hidden />} data-testid="help-tab-categories">{t('helpcenter.tabs.categories')}</Tabs.Tab>
          <Tabs.Tab value="stats" leftSection={<IconChartBar size={14} aria-hidden />} data-testid="help-tab-stats">{t('helpcenter.tabs.stats')}</Tabs.Tab>
          <Tabs.Tab value="site" leftSection={<IconPalette size={14} aria-hidden />} data-testid="help-tab-site">{t('helpcenter.tabs.site')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="articles"><ArticleList canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="categories"><CategoryList canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="stats"><StatsPanel /></Tabs.Panel>
        <Tabs.Panel value="site"><SiteSettings /></Tabs.Panel>
      </Tabs>
    </div>
  );
}
