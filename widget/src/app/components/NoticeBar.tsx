import type { Notice } from '../errors.ts';
import { useT } from './i18n-context.ts';

export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss?: () => void }) {
  const t = useT();
  return (
    <div class="cl-notice" role="alert" data-testid="widget-error" data-code={notice.code}>
      <span>{t(notice.key, notice.vars)}</span>
      {onDismiss && (
        <button type="button" class="cl-notice-close" aria-label={t('dismiss')} onClick={onDismiss}>×</button>
      )}
    </div>
  );
}
