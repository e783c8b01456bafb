import { IconReportAnalytics } from '@tabler/icons-react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The Shell's "Báo cáo" link: every agent has one (an agent's reports show their own figures). */
export function ReportsNavLink({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <NavLink to="/reports" className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} data-testid="reports-link">
      <IconReportAnalytics size={16} aria-hidden />
      <span>{t('reports.nav')}</span>
    </NavLink>
  );
}
