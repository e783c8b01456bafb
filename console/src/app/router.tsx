import { lazy } from 'react';
import { Navigate, createBrowserRouter } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { InvitePage } from '../features/auth/InvitePage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { InboxLayout } from '../features/inbox/InboxLayout.tsx';
import { InboxEmpty } from '../features/inbox/InboxEmpty.tsx';
import { ConversationPage } from '../features/conversation/ConversationPage.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { Shell } from './Shell.tsx';

/** Contacts and settings are visited less often than the inbox: load them on demand. */
const ContactsPage = lazy(() => import('../features/contacts/ContactsPage.tsx'));
const ContactPage = lazy(() => import('../features/contacts/ContactPage.tsx'));
const SettingsLayout = lazy(() => import('../features/settings/SettingsLayout.tsx'));
const InboxesSettings = lazy(() => import('../features/settings/inboxes/InboxesSettings.tsx'));
const InboxSettings = lazy(() => import('../features/settings/inboxes/InboxSettings.tsx'));
const AgentsSettings = lazy(() => import('../features/settings/AgentsSettings.tsx'));
const InvitationsSettings = lazy(() => import('../features/settings/InvitationsSettings.tsx'));
const TeamsSettings = lazy(() => import('../features/settings/TeamsSettings.tsx'));
const CannedSettings = lazy(() => import('../features/settings/CannedSettings.tsx'));
const ApiTokensSettings = lazy(() => import('../features/settings/ApiTokensSettings.tsx'));
const AuditLogSettings = lazy(() => import('../features/settings/AuditLogSettings.tsx'));
const AssistSettings = lazy(() => import('../features/assist/AssistSettings.tsx'));
const SettingsIndex = lazy(() => import('../features/settings/SettingsIndex.tsx'));
const ApprovalsPage = lazy(() => import('../features/commerce/ApprovalsPage.tsx'));
const ShopConnections = lazy(() => import('../features/settings/shop/ShopConnections.tsx'));
const OrderImports = lazy(() => import('../features/settings/shop/OrderImports.tsx'));
const CompensationSettings = lazy(() => import('../features/settings/shop/CompensationSettings.tsx'));
/** Analytics brings the charting library: its own chunk, fetched only when a supervisor opens it. */
const AnalyticsPage = lazy(() => import('../features/analytics/AnalyticsPage.tsx'));
const AnalyticsSettings = lazy(() => import('../features/settings/analytics/AnalyticsSettings.tsx'));
const FollowupsSettings = lazy(() => import('../features/settings/followups/FollowupsSettings.tsx'));
const ChannelEventsSettings = lazy(() => import('../features/settings/channels/ChannelEventsSettings.tsx'));
const SlaSettings = lazy(() => import('../features/settings/sla/SlaSettings.tsx'));
const AutomationsSettings = lazy(() => import('../features/settings/automations/AutomationsSettings.tsx'));
const HelpCenterPage = lazy(() => import('../features/helpcenter/HelpCenterPage.tsx'));
const ArticleEditorPage = lazy(() => import('../features/helpcenter/ArticleEditorPage.tsx'));
/** Service reports bring the charting library too: their own chunk. */
const ReportsPage = lazy(() => import('../features/reports/ReportsPage.tsx'));
const SatisfactionPage = lazy(() => import('../features/surveys/SatisfactionPage.tsx'));
const SurveysSettings = lazy(() => import('../features/surveys/SurveysSettings.tsx'));

/** Pages reachable without a session; a 401 there is not a reason to redirect. */
export const publicPaths = ['/login', '/setup', '/invite'];

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/setup', element: <SetupPage /> },
    { path: '/invite', element: <InvitePage /> },
    {
      element: <RequireAuth />,
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <Navigate to="/inbox" replace /> },
            {
              element: <InboxLayout />,
              children: [
                { path: 'inbox', element: <InboxEmpty /> },
                { path: 'conversations/:id', element: <ConversationPage /> },
                // Calls to return: the list stays in the middle pane while a caller's conversation opens beside it.
                { path: 'calls', element: <InboxEmpty /> },
                { path: 'calls/:id', element: <ConversationPage /> },
              ],
            },
            { path: 'contacts', element: <ContactsPage /> },
            { path: 'contacts/:id', element: <ContactPage /> },
            { path: 'approvals', element: <ApprovalsPage /> },
            { path: 'analytics', element: <AnalyticsPage /> },
            { path: 'helpcenter', element: <HelpCenterPage /> },
            { path: 'helpcenter/articles/:id', element: <ArticleEditorPage /> },
            { path: 'reports', element: <ReportsPage /> },
            { path: 'reports/satisfaction', element: <SatisfactionPage /> },
            {
              path: 'settings',
              element: <SettingsLayout />,
              children: [
                { index: true, element: <SettingsIndex /> },
                { path: 'inboxes', element: <InboxesSettings /> },
                { path: 'inboxes/:id', element: <InboxSettings /> },
                { path: 'agents', element: <AgentsSettings /> },
                { path: 'invitations', element: <InvitationsSettings /> },
                { path: 'teams', element: <TeamsSettings /> },
                { path: 'canned', element: <CannedSettings /> },
                { path: 'api-tokens', element: <ApiTokensSettings /> },
                { path: 'audit-log', element: <AuditLogSettings /> },
                { path: 'assist', element: <AssistSettings /> },
                { path: 'shops', element: <ShopConnections /> },
                { path: 'order-imports', element: <OrderImports /> },
                { path: 'compensation', element: <CompensationSettings /> },
                { path: 'analytics', element: <AnalyticsSettings /> },
                { path: 'followups', element: <FollowupsSettings /> },
                { path: 'channel-events', element: <ChannelEventsSettings /> },
                { path: 'sla', element: <SlaSettings /> },
                { path: 'automations', element: <AutomationsSettings /> },
                { path: 'surveys', element: <SurveysSettings /> },
              ],
            },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ]);
}
