import { IconChartBar } from '@tabler/icons-react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { canSeeAnalytics } from './access.ts';

/** The Shell's "Phân tích" link, for supervisors and up only (agents would get 403 there). */
export function AnalyticsNavLink({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!canSeeAnalytics(me.agent.role)) return null;
  return (
    <NavLink to="/analytics" className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} data-testid="analytics-link">
      <IconChartBar size={16} aria-hidden />
      <span>{t('analytics.nav')}</span>
    </NavLink>
  );
}
