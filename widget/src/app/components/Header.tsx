import type { ChatState } from '../controller.ts';
import { formatNumber } from '../orders.ts';
import { useT } from './i18n-context.ts';

export function Header({ state, onClose }: { state: ChatState; onClose: () => void }) {
  const t = useT();
  const config = state.config;
  const reconnecting = state.screen === 'chat' && state.connection === 'offline';
  return (
    <header class="cl-header">
      <div class="cl-header-text">
        <div class="cl-title">{config ? config.workspaceName || config.inboxName : 'CareLoop'}</div>
        {config && (
          <div class="cl-subtitle">
            <span class={config.agentsOnline ? 'cl-dot cl-dot-on' : 'cl-dot'} aria-hidden="true" />
            {reconnecting ? t('reconnecting') : config.agentsOnline ? t('online') : t('away')}
          </div>
        )}
        {config?.replyTimeText && <div class="cl-subtitle">{config.replyTimeText}</div>}
        {state.loyalty && (
          <div class="cl-subtitle" data-testid="widget-loyalty">
            {t(state.loyalty.tier ? 'loyaltyTier' : 'loyaltyPoints', { points: formatNumber(state.locale, state.loyalty.balance), tier: state.loyalty.tier ?? '' })}
          </div>
        )}
      </div>
      {state.embedded && (
        <button type="button" class="cl-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>
        </button>
      )}
    </header>
  );
}
