import type { ContactDto, ConversationDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { listContacts } from '../contacts/service.ts';
import { listConversations } from '../conversations/service.ts';

/** One box for everything: conversations (contact, number, message text) and contacts, diacritics ignored. */
export async function searchEverything(ctx: Ctx, q: string): Promise<{ conversations: ConversationDto[]; contacts: ContactDto[] }> {
  const [conversations, contacts] = await Promise.all([
    listConversations(ctx, { view: 'all', status: 'any', sort: 'last_activity', q, limit: 20 }),
    listContacts(ctx, { q, limit: 10 }),
  ]);
  return { conversations: conversations.items, contacts: contacts.items };
}
