import { Badge } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { approvalBadgeCount } from './authority.ts';
import { useApprovals, useCompensationSettings } from './compensationQueries.ts';
import { useCommerceNotices } from './useCommerceNotices.ts';

/**
 * The Shell's "Phê duyệt" link with a live count (kept current by realtime events). It also shows approval
 * notices and keeps the compensation settings cached, so events can tell who may decide.
 */
export function ApprovalsNavLink({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const pending = useApprovals('pending');
  useCompensationSettings();
  useCommerceNotices();
  const count = approvalBadgeCount(pending.data, me);
  return (
    <NavLink to="/approvals" className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} data-testid="approvals-link">
      <IconChecklist size={16} aria-hidden />
      <span>{t('commerce.nav.approvals')}</span>
      {count > 0 && (
        <Badge size="xs" color="red" circle={count < 10} data-testid="approvals-count" aria-label={t('commerce.nav.pendingCount', { count })}>
          {count}
        </Badge>
      )}
    </NavLink>
  );
}
