import type { WidgetLocale } from '../../shared/protocol.ts';
import { formatTime } from '../i18n.ts';
import { linkify, safeUrl } from '../linkify.ts';
import type { Attachment, ChatMessage } from '../messages.ts';
import { useT } from './i18n-context.ts';
import { surveyIdOf } from '../survey.ts';
import { SurveyCard } from './SurveyCard.tsx';

/** Message text is rendered as text nodes only; `html` from the server is never used. */
function Body({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">{part.text}</a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function Attachments({ items }: { items: Attachment[] }) {
  const t = useT();
  return (
    <div class="cl-attachments">
      {items.map((a) => {
        const url = safeUrl(a.url);
        if (!url) return null;
        return a.contentType.startsWith('image/') ? (
          <a key={a.id} href={url} target="_blank" rel="noopener noreferrer">
            <img class="cl-thumb" src={url} alt={a.filename || t('image')} loading="lazy" />
          </a>
        ) : (
          <a key={a.id} class="cl-file" href={url} target="_blank" rel="noopener noreferrer">{a.filename}</a>
        );
      })}
    </div>
  );
}

interface Props {
  message: ChatMessage;
  locale: WidgetLocale;
  onRetry(id: string): void;
}

export function MessageItem({ message, locale, onRetry }: Props) {
  const t = useT();
  if (message.kind === 'activity') {
    return <div class="cl-activity" data-testid="widget-message" data-kind="activity">{message.body}</div>;
  }
  const survey = surveyIdOf(message);
  if (survey) return <SurveyCard id={survey} locale={locale} fallback={message.body} />;
  const mine = message.kind === 'incoming';
  return (
    <div class={mine ? 'cl-msg cl-right' : 'cl-msg cl-left'} data-testid="widget-message" data-kind={message.kind}
      data-status={message.status}>
      {!mine && <div class="cl-sender">{message.sender.name || t('agent')}</div>}
      {(message.body || message.attachments.length > 0) && (
        <div class="cl-bubble">
          {message.body && <Body text={message.body} />}
          {message.attachments.length > 0 && <Attachments items={message.attachments} />}
        </div>
      )}
      <div class="cl-meta">
        {message.status === 'sending' && t('sending')}
        {message.status === 'failed' && (
          <>
            <span class="cl-failed">{t('failed')}</span>{' '}
            <button type="button" class="cl-link" onClick={() => onRetry(message.id)}>{t('retry')}</button>
          </>
        )}
        {message.status === 'sent' && formatTime(locale, message.createdAt)}
      </div>
    </div>
  );
}
