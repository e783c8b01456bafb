import { Alert } from '@mantine/core';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { sections, visibleSections } from './access.ts';
import { shopSections, visibleShopSections } from './shop/access.ts';
import { analyticsSections, visibleAnalyticsSections } from './analytics/access.ts';
import { followupSections, visibleFollowupSections } from './followups/access.ts';
import { channelEventSections, visibleChannelEventSections } from './channels/access.ts';
import { slaSections, visibleSlaSections } from './sla/access.ts';
import { automationSections, visibleAutomationSections } from './automations/access.ts';
import { surveySections, visibleSurveySections } from '../surveys/access.ts';

/** Settings sections on the left (only those the agent's role may use), the section on the right. */
export default function SettingsLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const visible = [
    ...visibleSections(me.agent.role).map((s) => ({ path: s.path, label: t(`settings.sections.${s.path}`) })),
    ...visibleShopSections(me.agent.role).map((s) => ({ path: s.path, label: t(`shop.sections.${s.path}`) })),
    ...visibleAnalyticsSections(me.agent.role).map((s) => ({ path: s.path, label: t('analytics.settings.section') })),
    ...visibleFollowupSections(me.agent.role).map((s) => ({ path: s.path, label: t('followups.section') })),
    ...visibleChannelEventSections(me.agent.role).map((s) => ({ path: s.path, label: t('messaging.events.section') })),
    ...visibleSlaSections(me.agent.role).map((s) => ({ path: s.path, label: t('sla.section') })),
    ...visibleAutomationSections(me.agent.role).map((s) => ({ path: s.path, label: t('automations.section') })),
    ...visibleSurveySections(me.agent.role).map((s) => ({ path: s.path, label: t('surveys.section') })),
  ];
  const all = [...sections, ...shopSections, ...analyticsSections, ...followupSections, ...channelEventSections, ...slaSections, ...automationSections, ...surveySections];
  const current = all.find((s) => pathname.startsWith(`/settings/${s.path}`));
  const allowed = !current || visible.some((s) => s.path === current.path);

  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={t('nav.settings')}>
        {visible.map((s) => (
          <NavLink key={s.path} to={`/settings/${s.path}`} className={({ isActive }) => `view-link${isActive ? ' active' : ''}`}
            data-testid={`settings-${s.path}`}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <div className="settings-content">
        {allowed ? <Outlet /> : <Alert color="red" role="alert">{t('errors.forbidden')}</Alert>}
      </div>
    </div>
  );
}
