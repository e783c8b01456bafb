import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatState } from '../controller.ts';
import { MessageItem } from './MessageItem.tsx';
import { useT } from './i18n-context.ts';

export function MessageList({ state, onRetry }: { state: ChatState; onRetry(id: string): void }) {
  const t = useT();
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const config = state.config;

  // Follow new messages unless the visitor scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [state.messages, state.agentTyping, state.open]);

  return (
    <div class="cl-messages" ref={list} data-testid="widget-message-list" role="log" aria-live="polite"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}>
      {config?.greeting && (
        <div class="cl-msg cl-left" data-testid="widget-greeting">
          <div class="cl-sender">{config.workspaceName || config.inboxName}</div>
          <div class="cl-bubble">{config.greeting}</div>
        </div>
      )}
      {config && !config.agentsOnline && (
        <div class="cl-activity">{config.offlineMessage || t('offlineDefault')} {config.replyTimeText}</div>
      )}
      {state.messages.map((message) => (
        <MessageItem key={message.clientId ?? message.id} message={message} locale={state.locale} onRetry={onRetry} />
      ))}
      {state.agentTyping && (
        <div class="cl-typing" data-testid="widget-typing" aria-live="polite">
          {t('typing', { name: state.agentTyping.name || t('agent') })}
        </div>
      )}
    </div>
  );
}
