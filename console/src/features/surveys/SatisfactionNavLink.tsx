import { IconMoodSmile } from '@tabler/icons-react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { canSeeSatisfaction } from './access.ts';

/** The Shell's "Mức độ hài lòng" link to Reports → Satisfaction, for supervisors and up (agents would get 403). */
export function SatisfactionNavLink({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!canSeeSatisfaction(me.agent.role)) return null;
  return (
    <NavLink to="/reports/satisfaction" className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} data-testid="satisfaction-link">
      <IconMoodSmile size={16} aria-hidden />
      <span>{t('surveys.report.nav')}</span>
    </NavLink>
  );
}
