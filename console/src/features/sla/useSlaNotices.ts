import { useEffect, useRef } from 'react';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { setSlaNoticePresenter } from './notices.ts';

/** Shows `sla.crossed` toasts for as long as the shell is mounted; a click opens the conversation. */
export function useSlaNotices(): void {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const latest = useRef({ t, navigate });
  useEffect(() => {
    latest.current = { t, navigate };
  });

  useEffect(() => setSlaNoticePresenter((event) => {
    const { t: tr, navigate: go } = latest.current;
    const breach = event.kind === 'breach';
    notifications.show({
      color: breach ? 'red' : 'orange',
      autoClose: breach ? 12_000 : 8000,
      title: tr(breach ? 'sla.notice.breachTitle' : 'sla.notice.warningTitle', { number: event.conversationNumber }),
      message: tr(breach ? 'sla.notice.breach' : 'sla.notice.warning', { clock: tr(`sla.clocks.${event.clock}`) }),
      style: { cursor: 'pointer' },
      onClick: () => void go(`/conversations/${event.conversationId}`),
    });
  }), []);
}
