import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Loader, SegmentedControl, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HelpArticleDto, HelpCategoryDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { helpfulPercent, StatusBadge } from './ArticleSidebar.tsx';
import { moved, useHelpArticles, useHelpCategories, useReorderArticles, type ArticleFilters } from './queries.ts';

const statuses = ['any', 'published', 'draft'] as const;
/** The category filter's value for articles outside every category (the API has no such filter: filtered here). */
const uncategorized = '__none__';

/** The title in the console's language when written, else the other one. */
export function titleOf(a: Pick<HelpArticleDto, 'vi' | 'en'>, lang: string): string {
  const first = lang === 'en' ? a.en ?? a.vi : a.vi ?? a.en;
  return first?.title ?? '';
}

/** Articles as shown for a category choice; `uncategorized` keeps those without one. */
export function visibleArticles(list: HelpArticleDto[], category: string | null): HelpArticleDto[] {
  return category === uncategorized ? list.filter((a) => a.categoryId === null) : list;
}

/** Articles filtered by status and category and searched (diacritics ignored by the API's `q`). */
export function ArticleList({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const [status, setStatus] = useState<ArticleFilters['status']>('any');
  const [params] = useSearchParams();
  const [category, setCategory] = useState<string | null>(() => params.get('category'));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const filters: ArticleFilters = { status, categoryId: category === uncategorized ? null : category, q: debounced.trim() };
  const articles = useHelpArticles(filters);
  const categories = useHelpCategories();
  const reorder = useReorderArticles();
  const list = visibleArticles(articles.data ?? [], category);
  const byId = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const nameOf = (c: HelpCategoryDto | undefined) => (c ? (i18n.language === 'en' && c.nameEn ? c.nameEn : c.nameVi) : t('helpcenter.editor.noCategory'));
  // Order matters on the public site within one category; a search ranks by relevance instead.
  const orderable = canWrite && category !== null && category !== uncategorized && !filters.q && status === 'any' && list.length > 1;
  const move = (id: string, delta: -1 | 1) => reorder.mutate(moved(list.map((a) => a.id), id, delta));

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput size="xs" w={300} leftSection={<IconSearch size={14} aria-hidden />} placeholder={t('helpcenter.list.search')}
            aria-label={t('helpcenter.list.search')} value={q} maxLength={200} onChange={(e) => setQ(e.currentTarget.value)} data-testid="help-article-search"
            rightSection={articles.isFetching && filters.q ? <Loader size={12} /> : null} />
          <SegmentedControl size="xs" value={status} onChange={(v) => setStatus(v as ArticleFilters['status'])}
            data={statuses.map((s) => ({ value: s, label: t(`helpcenter.list.status.${s}`) }))} data-testid="help-article-status-filter" />
          <Select size="xs" w={200} clearable placeholder={t('helpcenter.list.allCategories')} aria-label={t('helpcenter.list.category')} value={category}
            data={[...(categories.data ?? []).map((c) => ({ value: c.id, label: nameOf(c) })), { value: uncategorized, label: t('helpcenter.editor.noCategory') }]}
            onChange={setCategory} data-testid="help-article-category-filter" />
        </Group>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} component={Link}
            to={category && category !== uncategorized ? `/helpcenter/articles/new?category=${encodeURIComponent(category)}` : '/helpcenter/articles/new'}
            data-testid="help-article-create">
            {t('helpcenter.list.create')}
          </Button>
        )}
      </Group>
      {articles.error && <ErrorAlert error={articles.error} />}
      {reorder.error && <ErrorAlert error={reorder.error} />}
      {articles.data && list.length === 0 && (
        <Alert color="gray" p="sm" data-testid="help-article-empty">
          {filters.q || status !== 'any' || category ? t('helpcenter.list.noMatch') : canWrite ? t('helpcenter.list.emptyWriter') : t('helpcenter.list.empty')}
        </Alert>
      )}
      {list.length > 0 && (
        <Table highlightOnHover verticalSpacing={6} data-testid="help-article-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('helpcenter.list.title')}</Table.Th>
              <Table.Th>{t('helpcenter.list.category')}</Table.Th>
              <Table.Th>{t('helpcenter.list.statusHead')}</Table.Th>
              <Table.Th ta="right">{t('helpcenter.stats.views')}</Table.Th>
              <Table.Th ta="right">{t('helpcenter.stats.helpfulHead')}</Table.Th>
              <Table.Th>{t('helpcenter.list.updated')}</Table.Th>
              {orderable && <Table.Th><VisuallyHidden>{t('helpcenter.list.order')}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((a, i) => {
              const percent = helpfulPercent(a.helpful, a.notHelpful);
              return (
                <Table.Tr key={a.id} data-testid="help-article-row" data-article-id={a.id} style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/helpcenter/articles/${a.id}`)}>
                  <Table.Td>
                    <Link to={`/helpcenter/articles/${a.id}`} onClick={(e) => e.stopPropagation()} className="help-row-link" data-testid="help-article-link">
                      {titleOf(a, i18n.language) || t('helpcenter.editor.untitled')}
                    </Link>
                    <Text size="xs" c="dimmed">{[a.vi && 'VI', a.en && 'EN'].filter(Boolean).join(' · ')} · /{a.slug}</Text>
                  </Table.Td>
                  <Table.Td><Text size="sm">{nameOf(a.categoryId ? byId.get(a.categoryId) : undefined)}</Text></Table.Td>
                  <Table.Td><StatusBadge status={a.status} /></Table.Td>
                  <Table.Td ta="right">{a.views.toLocaleString(i18n.language === 'vi' ? 'vi-VN' : 'en-US')}</Table.Td>
                  <Table.Td ta="right">{percent === null ? '—' : `${percent}%`}</Table.Td>
                  <Table.Td><Text size="xs" c="dimmed">{format.relative(a.updatedAt)}</Text></Table.Td>
                  {orderable && (
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === 0 || reorder.isPending} aria-label={t('helpcenter.list.moveUp')}
                          onClick={() => move(a.id, -1)} data-testid="help-article-up"><IconArrowUp size={14} aria-hidden /></ActionIcon>
                        <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === list.length - 1 || reorder.isPending} aria-label={t('helpcenter.list.moveDown')}
                          onClick={() => move(a.id, 1)} data-testid="help-article-down"><IconArrowDown size={14} aria-hidden /></ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
