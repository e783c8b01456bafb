import { roleAtLeast, type ContactDto, type ContactMergeSuggestionDto, type Role } from '@careloop/contracts';

/** Supervisors and up decide merge suggestions (the server checks the same). */
export const canDecideMerges = (role: Role) => roleAtLeast(role, 'supervisor');

/** The suggestion's other contact, seen from `contactId` (the server may list this contact on either side). */
export const otherOf = (s: ContactMergeSuggestionDto, contactId: string): ContactDto => (s.contact.id === contactId ? s.other : s.contact);

/** The channels a contact was reached on, each once, in the order first seen. */
export const channelsOf = (contact: Pick<ContactDto, 'identities'>): string[] => [...new Set(contact.identities.map((i) => i.channel))];

export const withoutSuggestion = (list: ContactMergeSuggestionDto[] | undefined, id: string) => list?.filter((s) => s.id !== id);
