import type { ReactNode } from 'react';
import { Anchor, Avatar, Group, Loader, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { initials } from '../../lib/format.ts';
import { StatusBadge } from '../../ui/badges.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { contactLabel } from '../../ui/names.ts';
import { useFormat } from '../../ui/useFormat.ts';
import { ContactAnalyticsPanel } from '../analytics/ContactAnalyticsPanel.tsx';
import { ContactCalls } from '../calls/ContactCalls.tsx';
import { CompensationPanel } from '../commerce/CompensationPanel.tsx';
import { LoyaltyPanel } from '../commerce/LoyaltyPanel.tsx';
import { OrdersPanel } from '../commerce/OrdersPanel.tsx';
import { FollowupConsent } from '../followups/FollowupConsent.tsx';
import { ExperienceBalanceCard } from '../surveys/ExperienceBalanceCard.tsx';
import { ContactFacts } from './ContactFacts.tsx';
import { MergeSuggestionsCard } from './MergeSuggestionsCard.tsx';
import { useContact, useContactConversations } from './queries.ts';

/** Who the customer is, on every channel, with their other conversations and (later) their orders. */
export function ContactSidebar({ contactId, currentConversationId, top }: { contactId: string; currentConversationId: string; top?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const contact = useContact(contactId);
  const history = useContactConversations(contactId);

  return (
    <aside className="contact-sidebar" data-testid="contact-sidebar" aria-label={t('contact.sidebar')}>
      {top}
      {contact.isLoading && <Loader size="sm" aria-label={t('common.loading')} />}
      {contact.error && <ErrorAlert error={contact.error} />}
      {contact.data && (
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Avatar src={contact.data.avatarUrl} radius="xl" color="teal" alt="">{initials(contact.data.name)}</Avatar>
            <div style={{ minWidth: 0 }}>
              <Title order={3} size="h6" className="truncate" data-testid="contact-name">{contactLabel(contact.data)}</Title>
              <Anchor component={Link} to={`/contacts/${contact.data.id}`} size="xs">{t('contact.open')}</Anchor>
            </div>
          </Group>
          <MergeSuggestionsCard contactId={contact.data.id} />
          <ContactFacts contact={contact.data} />
        </Stack>
      )}

      <CompensationPanel className="sidebar-section" conversationId={currentConversationId} contactId={contactId} />
      <ExperienceBalanceCard className="sidebar-section" contactId={contactId} currentConversationId={currentConversationId} />

      <section className="sidebar-section">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>{t('contact.pastConversations')}</Text>
        {history.isLoading && <Loader size="xs" />}
        {history.data?.filter((c) => c.id !== currentConversationId).length === 0 && <Text size="xs" c="dimmed">{t('contact.noPast')}</Text>}
        <Stack gap={2} data-testid="contact-conversations">
          {history.data?.filter((c) => c.id !== currentConversationId).map((c) => (
            <UnstyledButton key={c.id} className="past-conversation" onClick={() => void navigate(`/conversations/${c.id}`)} data-testid="past-conversation">
              <Group justify="space-between" wrap="nowrap" gap={4}>
                <Text size="xs" fw={600}>#{c.number} · {t(`channels.${c.channel}`, { defaultValue: c.channel })}</Text>
                <StatusBadge status={c.status} />
              </Group>
              <Text size="xs" c="dimmed" lineClamp={1}>{c.lastMessage?.body ?? ''}</Text>
              <Text size="xs" c="dimmed">{format.dateTime(c.lastActivityAt)}</Text>
            </UnstyledButton>
          ))}
        </Stack>
      </section>

      <ContactCalls className="sidebar-section" contactId={contactId} />
      <OrdersPanel className="sidebar-section" contactId={contactId} />
      <LoyaltyPanel className="sidebar-section" contactId={contactId} />
      <ContactAnalyticsPanel className="sidebar-section" contactId={contactId} />
      <FollowupConsent className="sidebar-section" contactId={contactId} />
    </aside>
  );
}
