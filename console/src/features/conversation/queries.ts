import { useEffect, useMemo, useRef } from 'react';
import { useDocumentVisibility } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { ConversationDto, MessageDto, Page, UpdateConversationInput } from '@careloop/contracts';
import { patchConversation, upsertConversation } from '../../app/cache.ts';
import { useMe } from '../../app/session.ts';
import i18n, { errorText } from '../../i18n/index.ts';
import { api, isApiError } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { olderCursor, timelineOf } from './timeline.ts';

export const messagePageSize = 30;

export function useConversation(id: string) {
  return useQuery({ queryKey: keys.conversation(id), queryFn: () => api.get<ConversationDto>(`/conversations/${id}`) });
}

/** Newest page first in the cache; `before` walks back in time using the oldest loaded id. */
export function useMessages(conversationId: string) {
  const query = useInfiniteQuery({
    queryKey: keys.messages(conversationId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<MessageDto>>(`/conversations/${conversationId}/messages`, { before: pageParam, limit: messagePageSize }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: olderCursor,
  });
  const messages = useMemo(() => timelineOf(query.data?.pages), [query.data]);
  return { ...query, messages };
}

export type ConversationPatch = Omit<UpdateConversationInput, 'version'>;

/** PATCH with the version the agent saw; a `stale_version` answer refetches and says so. */
export function useUpdateConversation(conversation: ConversationDto | undefined) {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    mutationFn: (patch: ConversationPatch) => {
      if (!conversation) throw new Error('conversation not loaded');
      const current = qc.getQueryData<ConversationDto>(keys.conversation(conversation.id)) ?? conversation;
      return api.patch<ConversationDto>(`/conversations/${conversation.id}`, { ...patch, version: current.version });
    },
    meta: { handlesError: true },
    onSuccess: (updated) => {
      upsertConversation(qc, updated, me.agent.id);
      void qc.invalidateQueries({ queryKey: keys.counts });
      if (updated.labels.some((l) => !(qc.getQueryData<string[]>(keys.labels) ?? []).includes(l))) {
        void qc.invalidateQueries({ queryKey: keys.labels });
      }
    },
    onError: (error) => {
      if (isApiError(error, 'stale_version') && conversation) {
        void qc.invalidateQueries({ queryKey: keys.conversation(conversation.id) });
        notifications.show({ color: 'yellow', title: i18n.t('conversation.staleTitle'), message: i18n.t('conversation.staleBody'), 'data-testid': 'stale-conversation' });
        return;
      }
      notifications.show({ color: 'red', message: isApiError(error) ? errorText(error.code) : errorText('internal') });
    },
  });
}

/** While the view is open and the tab visible, everything up to the newest message counts as read. */
export function useMarkRead(conversation: ConversationDto | undefined, newest: MessageDto | undefined) {
  const qc = useQueryClient();
  const me = useMe();
  const visibility = useDocumentVisibility();
  const marked = useRef<string | null>(null);
  const conversationId = conversation?.id;
  const newestId = newest?.id;
  // Only something from the customer (or a server-side unread count) makes marking worthwhile.
  const worth = (conversation?.unreadCount ?? 0) > 0 || newest?.kind === 'incoming';
  useEffect(() => {
    if (!conversationId || !newestId || !worth || visibility !== 'visible') return;
    if (marked.current === newestId) return;
    marked.current = newestId;
    api
      .post<{ ok: true }>(`/conversations/${conversationId}/read`, { messageId: newestId })
      .then(() => {
        patchConversation(qc, conversationId, (c) => ({ ...c, unreadCount: 0 }), me.agent.id);
        void qc.invalidateQueries({ queryKey: keys.counts });
      })
      .catch(() => {
        marked.current = null;
      });
  }, [conversationId, newestId, worth, visibility, qc, me.agent.id]);
}
