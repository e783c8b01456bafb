import { useQuery } from '@tanstack/react-query';
import type { EmailMessageDto } from '@careloop/contracts';
import { API, api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';

/** The email facts of one message, fetched when the agent opens them (inline images come as signed URLs valid for a day). */
export function useEmailMessage(messageId: string) {
  return useQuery({
    queryKey: keys.emailMessage(messageId),
    queryFn: ({ signal }) => api.get<EmailMessageDto>(`/email/messages/${encodeURIComponent(messageId)}`, undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** The original as received (`message/rfc822`), downloaded with the session cookie. */
export const originalEmailUrl = (messageId: string) => `${API}/email/messages/${encodeURIComponent(messageId)}/original`;
