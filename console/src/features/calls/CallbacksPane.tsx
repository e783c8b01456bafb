import { useMemo } from 'react';
import { Group, Loader, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { CallbackList } from './CallbackList.tsx';
import { useCloseCallback, useOpenCallbacks } from './queries.ts';

/** The middle pane of `/calls`: calls to return, newest first; a conversation opens beside it. */
export function CallbacksPane() {
  const { t } = useTranslation();
  const query = useOpenCallbacks();
  const close = useCloseCallback();
  const calls = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((p) => p.items).filter((c) => !seen.has(c.id) && seen.add(c.id));
  }, [query.data]);
  return (
    <section className="inbox-list" aria-label={t('calls.callbacks.title')} data-testid="callbacks-pane">
      <Group className="inbox-list-search" justify="space-between">
        <Title order={2} size="h6">{t('calls.callbacks.title')}</Title>
        <Text size="xs" c="dimmed">{t('calls.callbacks.help')}</Text>
      </Group>
      <div className="scroll">
        {query.error && <ErrorAlert error={query.error} />}
        {close.error && <ErrorAlert error={close.error} />}
        {query.isLoading && <Loader size="sm" m="md" aria-label={t('common.loading')} />}
        {query.isSuccess && <CallbackList calls={calls} onDone={(call) => close.mutate(call.id)} closing={close.isPending ? close.variables ?? null : null} />}
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} />
      </div>
    </section>
  );
}
