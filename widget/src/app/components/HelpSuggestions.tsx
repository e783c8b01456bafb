import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChatController } from '../controller.ts';
import { SuggestionWatcher, snippetParts, wantsSuggestions, type Suggestion } from '../help.ts';
import { safeUrl } from '../linkify.ts';
import { useT } from './i18n-context.ts';
import './help.css';

interface Props {
  controller: ChatController;
  /** What the visitor is typing (the composer's draft or the offline form's message). */
  text: string;
  /** Default: not while a conversation is going on, as suggestions help before a question is asked. */
  enabled?: boolean;
}

/**
 * Up to three help-center articles matching what the visitor types. Each is a plain link opening
 * the public article in a new tab (reachable with Tab, announced with its count); opening one is
 * reported as a possible deflection.
 */
export function HelpSuggestions({ controller, text, enabled }: Props) {
  const t = useT();
  const locale = controller.state.locale;
  const [items, setItems] = useState<Suggestion[]>([]);
  const watcher = useMemo(
    () => new SuggestionWatcher((q, signal) => controller.help.suggest(q, locale, signal), setItems),
    [controller, locale],
  );
  useEffect(() => () => watcher.dispose(), [watcher]);
  const wanted = enabled ?? wantsSuggestions(controller.state.messages);
  useEffect(() => watcher.input(wanted ? text : ''), [watcher, text, wanted]);

  const links = items.flatMap((s) => {
    const href = safeUrl(s.url);
    return href && /^https?:/i.test(href) ? [{ ...s, href }] : [];
  });
  if (!links.length) return null;
  return (
    <section class="cl-help" aria-label={t('helpSuggested')} data-testid="widget-help-suggestions">
      <div class="cl-help-head">
        <span aria-hidden="true">{t('helpSuggested')}</span>
        <span class="cl-sr" role="status">{t('helpCount', { count: links.length, n: links.length })}</span>
        <button type="button" class="cl-help-close" aria-label={t('helpDismiss')} title={t('helpDismiss')} data-testid="widget-help-dismiss"
          onClick={() => watcher.dismiss()}>×</button>
      </div>
      <ul class="cl-help-list">
        {links.map((s) => (
          <li key={s.articleId}>
            <a class="cl-help-item" href={s.href} target="_blank" rel="noopener noreferrer" data-testid="widget-help-suggestion"
              data-article-id={s.articleId} onClick={() => controller.help.deflect(s.articleId)}>
              <span class="cl-help-title">{s.title}</span>
              <span class="cl-help-snippet">
                {snippetParts(s.snippetHtml).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}
              </span>
              <span class="cl-sr">{t('helpNewTab')}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
