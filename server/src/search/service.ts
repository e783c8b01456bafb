import type { ContactDto, ConversationDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { listContacts } from '../contacts/service.ts';
import { listConversations } from '../conversations/service.ts';

/** One box for everything: conversations (contact, number, message text) and contacts, diacritics ignored. */
export async function searchEverything(ctx: Ctx, q: string): Promise<{ conversations: ConversationDto[]; contacts: ContactDto[] }> {
  // An API token may read conversations without contacts: it then gets conversations only.
  const mayReadContacts = ctx.actor.type !== 'agent' || ctx.actor.via !== 'token' || (ctx.actor.scopes ?? []).some((s) => s === 'contacts:read' || s === 'admin');
  const [conversations, contacts] = await Promise.all([
    listConversations(ctx, { view: 'all', status: 'any', sort: 'last_activity', q, limit: 20 }),
    mayReadContacts ? listContacts(ctx, { q, limit: 10 }) : Promise.resolve({ items: [] }),
  ]);
  return { conversations: conversations.items, contacts: contacts.items };
}
