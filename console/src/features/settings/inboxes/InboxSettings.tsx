import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { messagingChannels, type InboxDto, type MessagingChannel } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { EmailInboxSettings } from './EmailInboxSettings.tsx';
import { FormInboxSettings } from './FormInboxSettings.tsx';
import { MessagingInboxSettings } from './MessagingInboxSettings.tsx';
import { PhoneInboxSettings } from './PhoneInboxSettings.tsx';
import { WebChatInboxSettings } from './WebChatInboxSettings.tsx';

/** `/settings/inboxes/:id`: each channel has its own settings page. */
export default function InboxSettings() {
  const { id = '' } = useParams();
  const inbox = useQuery({ queryKey: keys.inbox(id), queryFn: () => api.get<InboxDto>(`/inboxes/${id}`) });
  if (inbox.isLoading) return <Center><Loader /></Center>;
  if (!inbox.data) return <ErrorAlert error={inbox.error} />;
  const channel = inbox.data.channel;
  if ((messagingChannels as readonly string[]).includes(channel)) return <MessagingInboxSettings inbox={inbox.data} channel={channel as MessagingChannel} />;
  if (channel === 'phone') return <PhoneInboxSettings inbox={inbox.data} />;
  if (channel === 'form') return <FormInboxSettings inbox={inbox.data} />;
  return channel === 'email' ? <EmailInboxSettings inbox={inbox.data} /> : <WebChatInboxSettings key={inbox.data.id} inbox={inbox.data} />;
}
