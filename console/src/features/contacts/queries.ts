import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactDto, ContactInput, ContactMergeDto, ContactMergeSuggestionDto, ConversationDto, Page } from '@careloop/contracts';
import { patchContact } from '../../app/cache.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { withoutSuggestion } from './mergeSuggestions.ts';

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: keys.contact(id ?? ''),
    queryFn: () => api.get<ContactDto>(`/contacts/${id}`),
    enabled: Boolean(id),
  });
}

export function useContactConversations(id: string) {
  return useQuery({ queryKey: keys.contactConversations(id), queryFn: () => api.get<ConversationDto[]>(`/contacts/${id}/conversations`) });
}

export function useContactMerges(id: string) {
  return useQuery({ queryKey: keys.contactMerges(id), queryFn: () => api.get<ContactMergeDto[]>(`/contacts/${id}/merges`) });
}

/** The contact list; `q` is matched by the server without diacritics ("nguyen" finds "Nguyễn"). */
export function useContactList(q: string) {
  return useInfiniteQuery({
    queryKey: keys.contactList(q),
    queryFn: ({ pageParam, signal }) => api.get<Page<ContactDto>>('/contacts', { q, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function useStoreContact() {
  const qc = useQueryClient();
  return (contact: ContactDto) => {
    patchContact(qc, contact);
    void qc.invalidateQueries({ queryKey: keys.contacts });
  };
}

export function useCreateContact() {
  const store = useStoreContact();
  return useMutation({ mutationFn: (input: ContactInput) => api.post<ContactDto>('/contacts', input), onSuccess: store });
}

export function useUpdateContact(id: string) {
  const store = useStoreContact();
  return useMutation({ mutationFn: (input: ContactInput) => api.patch<ContactDto>(`/contacts/${id}`, input), onSuccess: store });
}

export function useBlockContact(id: string) {
  const store = useStoreContact();
  return useMutation({
    mutationFn: (input: { blocked: boolean; reason?: string | null }) => api.post<ContactDto>(`/contacts/${id}/block`, input),
    onSuccess: store,
  });
}

/** Admins only: the contact and all of their conversations are gone for good. */
export function useDeleteContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>(`/contacts/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.contacts });
      void qc.invalidateQueries({ queryKey: keys.conversationLists });
      void qc.invalidateQueries({ queryKey: keys.counts });
    },
  });
}

export function useMergeContacts() {
  const qc = useQueryClient();
  const store = useStoreContact();
  return useMutation({
    mutationFn: (input: { survivorId: string; mergedId: string }) =>
      api.post<{ contact: ContactDto; merge: ContactMergeDto }>('/contacts/merge', input),
    onSuccess: ({ contact, merge }) => {
      store(contact);
      qc.removeQueries({ queryKey: keys.contact(merge.mergedId) });
      void qc.invalidateQueries({ queryKey: keys.contact(contact.id) });
      void qc.invalidateQueries({ queryKey: ['conversation'] });
      void qc.invalidateQueries({ queryKey: keys.conversationLists });
    },
  });
}

export function useUndoMerge() {
  const qc = useQueryClient();
  const store = useStoreContact();
  return useMutation({
    mutationFn: (mergeId: string) => api.post<{ survivor: ContactDto; restored: ContactDto }>(`/contact-merges/${mergeId}/undo`),
    onSuccess: ({ survivor, restored }) => {
      store(survivor);
      store(restored);
      void qc.invalidateQueries({ queryKey: keys.contact(survivor.id) });
      void qc.invalidateQueries({ queryKey: ['conversation'] });
      void qc.invalidateQueries({ queryKey: keys.conversationLists });
    },
  });
}

/** Open "possibly the same customer" suggestions that involve this contact (same phone or email). */
export function useMergeSuggestions(contactId: string) {
  return useQuery({
    queryKey: keys.mergeSuggestions(contactId),
    queryFn: () => api.get<ContactMergeSuggestionDto[]>('/contact-merges/suggestions', { contactId }),
  });
}

export const decideMergeSuggestion = (id: string, decision: 'accept' | 'reject') =>
  api.post<{ contact: ContactDto | null }>(`/contact-merges/suggestions/${id}`, { decision });

/**
 * Accept merges the newer contact into the older one (which may be the other one: the conversation
 * then shows the survivor); reject hides the pair for good. Either way the suggestion leaves the list.
 */
export function useDecideMergeSuggestion(contactId: string) {
  const qc = useQueryClient();
  const store = useStoreContact();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'accept' | 'reject' }) => decideMergeSuggestion(id, decision),
    meta: { handlesError: true },
    onSuccess: ({ contact }, { id }) => {
      qc.setQueryData<ContactMergeSuggestionDto[]>(keys.mergeSuggestions(contactId), (list) => withoutSuggestion(list, id));
      if (!contact) return;
      store(contact);
      void qc.invalidateQueries({ queryKey: keys.contact(contactId) });
      void qc.invalidateQueries({ queryKey: keys.contactConversations(contactId) });
      void qc.invalidateQueries({ queryKey: ['conversation'] });
      void qc.invalidateQueries({ queryKey: keys.conversationLists });
    },
  });
}
