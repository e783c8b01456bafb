import { Fragment, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { Button, Loader, Text } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@careloop/contracts';
import { useAgents } from '../../app/directory.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { MessageItem } from './MessageItem.tsx';
import type { useMessages } from './queries.ts';

const nearBottomPx = 120;

/**
 * The timeline. Sticks to the bottom while the agent is there, keeps its place when older
 * messages load above, and offers a jump button when something new arrives out of view.
 */
export interface TimelineHandle {
  scrollToLatest: () => void;
}

interface Props {
  conversationId: string;
  query: ReturnType<typeof useMessages>;
  ref?: Ref<TimelineHandle>;
  /** The conversation's channel (`email` messages offer the full mail). */
  channel?: string;
  /** Set when the channel can quote: the customer's messages offer "Quote". */
  onQuote?: ((message: MessageDto) => void) | undefined;
}

export function MessageList({ conversationId, query, ref, channel, onQuote }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const agents = useAgents();
  const agentNames = useMemo(() => (agents.data ?? []).map((a) => a.name), [agents.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ first?: string; last?: string; height: number; conversationId?: string }>({ height: 0 });
  const [unseen, setUnseen] = useState(0);
  const { messages } = query;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = messages[0]?.id;
    const last = messages[messages.length - 1]?.id;
    const prev = previous.current;
    if (prev.conversationId !== conversationId || !prev.last) {
      el.scrollTop = el.scrollHeight;
      setUnseen(0);
    } else if (first !== prev.first && last === prev.last) {
      el.scrollTop += el.scrollHeight - prev.height; // older page prepended: stay on the same message
    } else if (last !== prev.last) {
      const mine = messages[messages.length - 1]?.sender.type === 'agent';
      if (atBottom.current || mine) el.scrollTop = el.scrollHeight;
      else setUnseen((n) => n + 1);
    }
    previous.current = { first, last, height: el.scrollHeight, conversationId };
  }, [messages, conversationId]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < nearBottomPx;
    if (atBottom.current && unseen) setUnseen(0);
    if (el.scrollTop < 80 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  };
  const jump = () => {
    atBottom.current = true;
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: 'smooth' });
    setUnseen(0);
  };
  useImperativeHandle(ref, () => ({ scrollToLatest: jump }));

  let lastDay = '';
  return (
    <div className="message-scroller-wrap">
      <div ref={scroller} className="message-scroller" onScroll={onScroll}>
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label={t('conversation.older')} />
        {query.isLoading && <Loader size="sm" m="md" aria-label={t('common.loading')} />}
        {query.error && <ErrorAlert error={query.error} />}
        <div className="message-list" data-testid="message-list" role="log" aria-label={t('conversation.timeline')}>
          {query.isSuccess && messages.length === 0 && <Text size="sm" c="dimmed" ta="center" p="md">{t('conversation.noMessages')}</Text>}
          {messages.map((m) => {
            const day = format.date(m.createdAt);
            const divider = day !== lastDay ? <div className="day-divider" role="separator"><span>{day}</span></div> : null;
            lastDay = day;
            return (
              <Fragment key={m.id}>
                {divider}
                <MessageItem message={m} time={format.time(m.createdAt)} fullTime={format.dateTime(m.createdAt)} agentNames={agentNames} email={channel === 'email'} onQuote={onQuote} />
              </Fragment>
            );
          })}
        </div>
      </div>
      {unseen > 0 && (
        <Button className="jump-latest" size="compact-sm" radius="xl" onClick={jump} leftSection={<IconArrowDown size={14} aria-hidden />} data-testid="jump-latest">
          {t('conversation.newBelow', { count: unseen })}
        </Button>
      )}
    </div>
  );
}
