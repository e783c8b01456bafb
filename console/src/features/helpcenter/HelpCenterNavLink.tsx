import { IconLifebuoy } from '@tabler/icons-react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The Shell's "Trung tâm trợ giúp" link: every agent reads articles (and links them in replies). */
export function HelpCenterNavLink({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <NavLink to="/helpcenter" className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} data-testid="helpcenter-link">
      <IconLifebuoy size={16} aria-hidden />
      <span>{t('helpcenter.nav')}</span>
    </NavLink>
  );
}
