import { useEffect, useMemo, useState } from 'preact/hooks';
import { readableInk, safeColor } from '../color.ts';
import type { ChatController } from '../controller.ts';
import { translate } from '../i18n.ts';
import { Composer } from './Composer.tsx';
import { Header } from './Header.tsx';
import { I18nContext } from './i18n-context.ts';
import { MessageList } from './MessageList.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { OfflineForm, OfflineSent } from './OfflineForm.tsx';
import { OrderLookup } from './OrderLookup.tsx';
import { PreChatForm } from './PreChatForm.tsx';
import { QueueStatus } from './QueueStatus.tsx';
import { SurveyContext } from './SurveyCard.tsx';

export function App({ controller }: { controller: ChatController }) {
  const [, setVersion] = useState(0);
  const [lookup, setLookup] = useState(false);
  useEffect(() => {
    const update = () => setVersion((n) => n + 1);
    const unsubscribe = controller.subscribe(update);
    update(); // catch up with anything that changed before this effect ran
    return unsubscribe;
  }, [controller]);
  const state = controller.state;
  const t = useMemo(() => (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
    translate(state.locale, key, vars), [state.locale]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && controller.close();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controller]);

  const color = safeColor(state.config?.color);
  const { config, screen, notice } = state;
  // "Where is my order?" opens over the chat (kept mounted, so a draft survives) and the forms.
  const canLookup = screen === 'chat' || screen === 'prechat' || screen === 'offline';
  const looking = lookup && canLookup;
  return (
    <I18nContext.Provider value={t}>
      <div class="cl-root" style={{ '--cl-color': color, '--cl-ink': readableInk(color) }}>
        <Header state={state} onClose={() => controller.close()} />
        {notice && screen !== 'fatal' && <NoticeBar notice={notice} onDismiss={() => controller.dismissNotice()} />}
        {canLookup && !looking && (
          <button type="button" class="cl-link cl-lookup-open" data-testid="order-lookup-open" onClick={() => setLookup(true)}>{t('orderLookup')}</button>
        )}
        {looking && <OrderLookup controller={controller} onBack={() => setLookup(false)} />}
        {screen === 'loading' && <div class="cl-center cl-muted">{t('loading')}</div>}
        {screen === 'fatal' && notice && (
          <div class="cl-center">
            <NoticeBar notice={notice} />
            {notice.code !== 'misconfigured' && (
              <button type="button" class="cl-button" onClick={() => void controller.boot()}>{t('tryAgain')}</button>
            )}
          </div>
        )}
        {screen === 'identity' && (
          <div class="cl-center">
            <p class="cl-notice" role="alert" data-testid="widget-error" data-code="identity_required">
              {t('identityRequired')}
            </p>
          </div>
        )}
        {screen === 'prechat' && config && !looking && (
          <PreChatForm config={config} contact={state.contact} busy={state.busy}
            onSubmit={(values) => void controller.submitPrechat(values)} />
        )}
        {screen === 'offline' && config && !looking && (
          <OfflineForm config={config} contact={state.contact} busy={state.busy} controller={controller}
            onSubmit={(values) => void controller.submitOffline(values)} />
        )}
        {screen === 'offlineSent' && config && <OfflineSent config={config} />}
        {screen === 'chat' && config && (
          <div class="cl-pane" hidden={looking}>
            <SurveyContext.Provider value={controller.surveys}><MessageList state={state} onRetry={(id) => controller.retry(id)} /></SurveyContext.Provider>
            <QueueStatus locale={state.locale} queue={state.queue} />
            <Composer controller={controller} open={state.open} />
          </div>
        )}
      </div>
    </I18nContext.Provider>
  );
}
