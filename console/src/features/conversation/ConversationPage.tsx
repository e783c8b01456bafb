import { useCallback, useEffect, useRef, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@careloop/contracts';
import { openConversation } from '../../app/cache.ts';
import { useWatchConversation } from '../../app/realtime.tsx';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { ContactSidebar } from '../contacts/ContactSidebar.tsx';
import { SummaryCard } from '../assist/SummaryCard.tsx';
import { ScheduledList } from '../scheduled/ScheduledList.tsx';
import { UpsetBanner } from '../triage/UpsetBanner.tsx';
import { Composer } from './Composer.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { MessageList, type TimelineHandle } from './MessageList.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { useConversation, useMarkRead, useMessages } from './queries.ts';
import { channelQuotes, type Quote } from './quote.ts';

/** `/conversations/:id`: header, timeline, composer, and the contact on the right. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const conversation = useConversation(id);
  const messages = useMessages(id);
  const newest = messages.messages[messages.messages.length - 1];
  const timeline = useRef<TimelineHandle>(null);
  // The message the next reply quotes; it belongs to one conversation and is dropped on leaving it.
  const [quoted, setQuoted] = useState<{ conversationId: string; quote: Quote } | null>(null);
  const quote = quoted?.conversationId === id ? quoted.quote : null;
  const onQuote = useCallback((m: MessageDto) => setQuoted({ conversationId: m.conversationId, quote: m }), []);
  const clearQuote = useCallback(() => setQuoted(null), []);
  useWatchConversation(id);
  useMarkRead(conversation.data, newest);

  useEffect(() => {
    openConversation.id = id;
    return () => {
      if (openConversation.id === id) openConversation.id = null;
    };
  }, [id]);

  if (conversation.isLoading) {
    return <Center h="100%"><Loader aria-label={t('common.loading')} /></Center>;
  }
  if (isApiError(conversation.error, 'not_found')) return <NotFound />;
  if (!conversation.data) return <ErrorAlert error={conversation.error} />;
  const c = conversation.data;

  return (
    <div className="conversation" data-testid="conversation-view" data-conversation-id={c.id}>
      <div className="conversation-main">
        <UpsetBanner conversation={c} />
        <ConversationHeader conversation={c} />
        <MessageList conversationId={c.id} query={messages} ref={timeline} channel={c.channel} onQuote={channelQuotes(c) ? onQuote : undefined} />
        <PresenceBar conversationId={c.id} />
        <ScheduledList conversationId={c.id} canCancel={c.abilities.reply !== false} />
        <Composer key={c.id} conversation={c} newestMessageId={newest?.id} onReviewLatest={() => timeline.current?.scrollToLatest()}
          quote={quote} onClearQuote={clearQuote} />
      </div>
      <ContactSidebar contactId={c.contact.id} currentConversationId={c.id} top={<SummaryCard key={c.id} conversationId={c.id} />} />
    </div>
  );
}
