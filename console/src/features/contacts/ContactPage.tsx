import { useState } from 'react';
import { Anchor, Avatar, Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconBan, IconGitMerge, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isAdmin, useMe } from '../../app/session.ts';
import { isApiError } from '../../lib/api.ts';
import { initials } from '../../lib/format.ts';
import { PriorityBadge, StatusBadge } from '../../ui/badges.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { contactLabel } from '../../ui/names.ts';
import { NotFound } from '../../ui/NotFound.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { LoyaltyPanel } from '../commerce/LoyaltyPanel.tsx';
import { OrdersPanel } from '../commerce/OrdersPanel.tsx';
import { BlockModal } from './BlockModal.tsx';
import { ContactFacts } from './ContactFacts.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';
import { MergeHistory } from './MergeHistory.tsx';
import { MergeModal } from './MergeModal.tsx';
import { useContact, useContactConversations, useDeleteContact } from './queries.ts';

type Dialog = 'edit' | 'block' | 'merge' | null;

/** `/contacts/:id`: details, every conversation on every channel, block, merge and undo. */
export default function ContactPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const contact = useContact(id);
  const conversations = useContactConversations(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const me = useMe();
  const remove = useDeleteContact(id);

  if (contact.isLoading) return <Center w="100%"><Loader /></Center>;
  if (isApiError(contact.error, 'not_found')) return <NotFound />;
  if (!contact.data) return <div className="page"><ErrorAlert error={contact.error} /></div>;
  const c = contact.data;

  return (
    <div className="page" data-testid="contact-page">
      <Anchor component={Link} to="/contacts" size="sm"><IconArrowLeft size={12} aria-hidden /> {t('contacts.title')}</Anchor>
      <Group justify="space-between" my="sm" wrap="wrap">
        <Group gap="sm">
          <Avatar src={c.avatarUrl} radius="xl" size="lg" color="teal" alt="">{initials(c.name)}</Avatar>
          <div>
            <Title order={1} size="h3" data-testid="contact-name">{contactLabel(c)}</Title>
            <Text size="xs" c="dimmed">{t('contacts.since', { time: format.date(c.createdAt) })}</Text>
          </div>
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setDialog('edit')} data-testid="contact-edit">
            {t('common.edit')}
          </Button>
          <Button size="xs" variant="default" color={c.blocked ? undefined : 'red'} leftSection={<IconBan size={14} aria-hidden />}
            onClick={() => setDialog('block')} data-testid="contact-block">
            {c.blocked ? t('contacts.unblock') : t('contacts.block')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconGitMerge size={14} aria-hidden />} onClick={() => setDialog('merge')} data-testid="contact-merge">
            {t('contacts.merge')}
          </Button>
          {isAdmin(me) && (
            <ConfirmButton size="xs" variant="default" color="red" leftSection={<IconTrash size={14} aria-hidden />} loading={remove.isPending}
              question={t('contacts.confirmDelete', { name: contactLabel(c) })} confirmLabel={t('common.delete')} testId="contact-delete"
              onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate('/contacts', { replace: true }) })}>
              {t('common.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>

      <div className="contact-grid">
        <Stack gap="md">
          <Paper withBorder p="sm"><ContactFacts contact={c} /></Paper>
          <Paper withBorder p="sm"><MergeHistory contactId={c.id} /></Paper>
          <Paper withBorder p="sm"><OrdersPanel contactId={c.id} onMerged={(id) => id !== c.id && void navigate(`/contacts/${id}`, { replace: true })} /></Paper>
          <Paper withBorder p="sm"><LoyaltyPanel contactId={c.id} /></Paper>
        </Stack>
        <Paper withBorder p="sm">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>{t('contact.conversations')}</Text>
          {conversations.isLoading && <Loader size="xs" />}
          {conversations.data?.length === 0 && <Text size="sm" c="dimmed">{t('contact.noPast')}</Text>}
          <Stack gap={4} data-testid="contact-conversations">
            {conversations.data?.map((conv) => (
              <Anchor key={conv.id} component={Link} to={`/conversations/${conv.id}`} underline="never" className="past-conversation" data-testid="past-conversation">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600}>#{conv.number}</Text>
                    <Text size="xs" c="dimmed">{t(`channels.${conv.channel}`, { defaultValue: conv.channel })}</Text>
                    <StatusBadge status={conv.status} />
                    <PriorityBadge priority={conv.priority} />
                  </Group>
                  <Text size="xs" c="dimmed">{format.dateTime(conv.lastActivityAt)}</Text>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>{conv.lastMessage?.body ?? ''}</Text>
              </Anchor>
            ))}
          </Stack>
        </Paper>
      </div>

      <ContactFormModal opened={dialog === 'edit'} onClose={() => setDialog(null)} contact={c} />
      <BlockModal opened={dialog === 'block'} onClose={() => setDialog(null)} contact={c} />
      <MergeModal opened={dialog === 'merge'} onClose={() => setDialog(null)} contact={c}
        onMerged={(survivor) => survivor.id !== c.id && void navigate(`/contacts/${survivor.id}`, { replace: true })} />
    </div>
  );
}
