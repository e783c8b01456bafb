import { useEffect, useRef } from 'react';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { offerLine } from './cost.ts';
import { formatPoints, formatVnd } from './money.ts';
import { setNoticePresenter, type CommerceNotice } from './notices.ts';
import { formatMonth } from './status.ts';

/** Shows approval and budget notices from realtime events as Mantine notifications, for as long as the shell is mounted. */
export function useCommerceNotices(): void {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const latest = useRef({ t, i18n, navigate });
  useEffect(() => {
    latest.current = { t, i18n, navigate };
  });

  useEffect(() => setNoticePresenter((notice: CommerceNotice) => {
    const { t: tr, i18n: lang, navigate: go } = latest.current;
    const fmt = { money: (n: number) => formatVnd(n, lang.language), number: (n: number) => formatPoints(n, lang.language) };
    const money = fmt.money;
    if (notice.kind === 'budget_exceeded') {
      notifications.show({
        color: 'orange', autoClose: 10_000, title: tr('commerce.notice.budgetTitle'),
        message: tr('commerce.notice.budget', { month: formatMonth(notice.month, lang.language), spent: money(notice.spent), budget: money(notice.budget) }),
      });
      return;
    }
    const a = notice.approval;
    const offer = offerLine(a.kind, a.details, a.cost, tr, fmt);
    if (notice.kind === 'approval_requested') {
      notifications.show({
        color: 'yellow', autoClose: 8000, title: tr('commerce.notice.requestedTitle'), style: { cursor: 'pointer' },
        message: a.conversationNumber === null
          ? tr('commerce.notice.requestedUnnumbered', { name: a.requestedBy.name || tr('common.someone'), offer })
          : tr('commerce.notice.requested', { name: a.requestedBy.name || tr('common.someone'), offer, number: a.conversationNumber }),
        onClick: () => void go('/approvals'),
      });
      return;
    }
    const approved = a.status === 'approved';
    notifications.show({
      color: approved ? 'green' : 'red', autoClose: 8000, style: { cursor: a.conversationId ? 'pointer' : undefined },
      title: tr(approved ? 'commerce.notice.approvedTitle' : 'commerce.notice.deniedTitle', { name: a.decidedBy?.name ?? tr('common.someone') }),
      message: a.decisionReason ? `${offer} — “${a.decisionReason}”` : offer,
      onClick: () => {
        if (a.conversationId) void go(`/conversations/${a.conversationId}`);
      },
    });
  }), []);
}
