import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InboxDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';

/**
 * Creates (`POST /inboxes`) or updates (`PATCH /inboxes/:id`) an inbox from a form, and puts the
 * answer in the inbox and inbox-list caches. The form shows the error itself (field errors).
 */
export function useSaveInbox<T>(opts: { inbox: InboxDto | undefined; create: (form: T) => unknown; update: (form: T) => unknown; onDone?: ((inbox: InboxDto) => void) | undefined }) {
  const qc = useQueryClient();
  const { inbox } = opts;
  return useMutation({
    mutationFn: (form: T) => (inbox ? api.patch<InboxDto>(`/inboxes/${inbox.id}`, opts.update(form)) : api.post<InboxDto>('/inboxes', opts.create(form))),
    meta: { handlesError: true },
    onSuccess: (saved) => {
      qc.setQueryData(keys.inbox(saved.id), saved);
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => (list?.some((i) => i.id === saved.id) ? list.map((i) => (i.id === saved.id ? saved : i)) : [...(list ?? []), saved]));
      opts.onDone?.(saved);
    },
  });
}
