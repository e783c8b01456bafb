import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CloseButton, Loader, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ConversationDto, Page } from '@careloop/contracts';
import { useAgents } from '../../app/directory.ts';
import { api } from '../../lib/api.ts';
import { keys, type ListFilters } from '../../lib/queryKeys.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { ConversationItem } from './ConversationItem.tsx';
import { SearchContacts } from './SearchContacts.tsx';

const pageSize = 25;

export function ConversationList({ filters, update }: { filters: ListFilters; update: (patch: Partial<ListFilters>) => void }) {
  const { t } = useTranslation();
  const { id: openId } = useParams();
  const format = useFormat();
  const agents = useAgents();
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => update({ q: debounced || undefined }), [debounced]); // eslint-disable-line react-hooks/exhaustive-deps

  const query = useInfiniteQuery({
    queryKey: keys.conversationList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ConversationDto>>('/conversations', { ...filters, cursor: pageParam, limit: pageSize }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const items = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((p) => p.items).filter((c) => !seen.has(c.id) && seen.add(c.id));
  }, [query.data]);
  const agentById = useMemo(() => new Map((agents.data ?? []).map((a) => [a.id, a])), [agents.data]);
  const activeIndex = Math.max(0, items.findIndex((c) => c.id === openId));

  const move = (delta: number) => {
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="conversation-item"]') ?? []);
    if (rows.length === 0) return;
    const focused = rows.indexOf(document.activeElement as HTMLElement);
    const from = focused >= 0 ? focused : rows.findIndex((r) => r.getAttribute('aria-current') === 'page');
    const next = Math.min(rows.length - 1, Math.max(0, from < 0 ? 0 : from + delta));
    rows[next]?.focus();
    rows[next]?.scrollIntoView({ block: 'nearest' });
    if (next >= rows.length - 3 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['/', () => searchRef.current?.focus()],
  ]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Home') move(-items.length);
    else if (event.key === 'End') move(items.length);
    else return;
    event.preventDefault();
  };

  return (
    <section className="inbox-list" aria-label={t('inbox.list')}>
      <div className="inbox-list-search">
        <TextInput
          ref={searchRef}
          size="xs"
          placeholder={t('inbox.searchPlaceholder')}
          aria-label={t('inbox.search')}
          leftSection={<IconSearch size={14} aria-hidden />}
          rightSection={search ? <CloseButton size="xs" aria-label={t('common.clear')} onClick={() => setSearch('')} /> : null}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
            if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
          }}
          data-testid="search-input"
        />
      </div>
      <div className="scroll">
        {filters.q && <SearchContacts q={filters.q} />}
        {query.error && <ErrorAlert error={query.error} />}
        {query.isLoading && <Loader size="sm" m="md" aria-label={t('common.loading')} />}
        {query.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" p="md" data-testid="conversation-list-empty">
            {filters.q ? t('inbox.noResults') : t('inbox.empty')}
          </Text>
        )}
        <ul ref={listRef} className="conversation-list" data-testid="conversation-list" onKeyDown={onKeyDown} aria-label={t('inbox.list')}>
          {items.map((c, index) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              assignee={c.assigneeId ? agentById.get(c.assigneeId) : undefined}
              selected={c.id === openId}
              focusable={index === activeIndex}
              time={format.relative(c.lastActivityAt)}
              showStatus={filters.status === 'any'}
            />
          ))}
        </ul>
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} />
      </div>
    </section>
  );
}
