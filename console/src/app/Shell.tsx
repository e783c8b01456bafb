import { Suspense } from 'react';
import { Center, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAddressBook, IconInbox, IconSettings } from '@tabler/icons-react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AnalyticsNavLink } from '../features/analytics/AnalyticsNavLink.tsx';
import { ApprovalsNavLink } from '../features/commerce/ApprovalsNavLink.tsx';
import { HelpCenterNavLink } from '../features/helpcenter/HelpCenterNavLink.tsx';
import { ReportsNavLink } from '../features/reports/ReportsNavLink.tsx';
import { SatisfactionNavLink } from '../features/surveys/SatisfactionNavLink.tsx';
import { NotificationsBell } from '../features/notifications/NotificationsBell.tsx';
import { useSlaNotices } from '../features/sla/useSlaNotices.ts';
import { ProfileMenu } from './ProfileMenu.tsx';
import { useRealtime } from './realtime.tsx';

function ConnectionDot() {
  const { status } = useRealtime();
  const { t } = useTranslation();
  const label = t(`realtime.${status}`);
  const color = status === 'open' ? 'var(--mantine-color-green-6)' : status === 'stopped' ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-yellow-6)';
  return (
    <Tooltip label={label}>
      <span className="connection-dot" role="status" aria-label={label} data-testid="connection-status" data-status={status} style={{ background: color }} />
    </Tooltip>
  );
}

/** The frame around every signed-in screen: top bar with navigation, bell and profile. */
export function Shell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  useSlaNotices();
  const links = [
    { to: '/inbox', label: t('nav.inbox'), icon: IconInbox, match: ['/inbox', '/conversations'] },
    { to: '/contacts', label: t('nav.contacts'), icon: IconAddressBook, match: ['/contacts'] },
    { to: '/settings', label: t('nav.settings'), icon: IconSettings, match: ['/settings'] },
  ];
  return (
    <div className="shell">
      <header className="shell-header">
        <Text fw={700} c="indigo.7" mr="md">CareLoop</Text>
        <nav aria-label={t('nav.main')}>
          <Group gap={4}>
            {links.map((link) => (
              <NavLink
                key={link.to}
                to={link.to}
                className={link.match.some((m) => pathname.startsWith(m)) ? 'nav-link active' : 'nav-link'}
                aria-current={link.match.some((m) => pathname.startsWith(m)) ? 'page' : undefined}
              >
                <link.icon size={16} aria-hidden />
                <span>{link.label}</span>
              </NavLink>
            ))}
            <ApprovalsNavLink active={pathname.startsWith('/approvals')} />
            <AnalyticsNavLink active={pathname.startsWith('/analytics')} />
            <HelpCenterNavLink active={pathname.startsWith('/helpcenter')} />
            <ReportsNavLink active={pathname.replace(/\/$/, '') === '/reports'} />
            <SatisfactionNavLink active={pathname.startsWith('/reports/satisfaction')} />
          </Group>
        </nav>
        <div style={{ flex: 1 }} />
        <Group gap="xs">
          <ConnectionDot />
          <NotificationsBell />
          <ProfileMenu />
        </Group>
      </header>
      <main className="shell-main">
        <Suspense fallback={<Center w="100%"><Loader /></Center>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
